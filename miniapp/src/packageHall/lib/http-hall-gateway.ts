import type { HallGateway } from './hall-gateway';
import { httpCitizenHall } from './http-citizen-hall';
import { httpHallBoard, httpStaffHall } from './http-staff-hall';

/** The hall pages' gateway over HTTP: the shared contracts' clients, answers in the pages' view types. */
export const httpHallGateway: HallGateway = { ...httpCitizenHall, ...httpStaffHall, ...httpHallBoard };
