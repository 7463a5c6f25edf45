export interface PharmacyRecord {
  id: string;
  name: string;
  address: string;
  district: string;
  lat: number;
  lng: number;
  phone: string;
  openingHours: string;
}

export interface PharmacyStore {
  /** Every pharmacy by id (a province has thousands: small enough to hold in memory). */
  listAll(): Promise<PharmacyRecord[]>;
  /** One page by id of those matching every word of `words` (id, name, district, address, phone), and how many match. */
  page(words: string[], offset: number, limit: number): Promise<{ items: PharmacyRecord[]; total: number }>;
  findById(id: string): Promise<PharmacyRecord | null>;
  /** False when the id is taken. */
  insert(p: PharmacyRecord): Promise<boolean>;
  /** False when there is no such pharmacy. */
  update(p: PharmacyRecord): Promise<boolean>;
  delete(id: string): Promise<boolean>;
  /** True when a round quota or a reservation names the pharmacy (it then must not vanish). */
  isReferenced(id: string): Promise<boolean>;
}
