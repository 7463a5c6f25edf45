import { z } from 'zod';

/**
 * The subscribe messages the product sends. The BFF's notification templates and the
 * mini-program's subscribe prompt both key on these names; each platform's template id for a
 * name is configuration (BFF: `notifications.templates`; mini-program: a build-time constant).
 */
export const notificationTemplateNames = ['health_colour_changed', 'hall_called', 'mask_booked', 'hall_turn_near', 'appointment_offered', 'mask_round_changed'] as const;
export const NotificationTemplateName = z.enum(notificationTemplateNames);
export type NotificationTemplateName = z.infer<typeof NotificationTemplateName>;
