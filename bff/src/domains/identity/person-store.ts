export interface NewPerson {
  idHash: string;
  idCipher: string;
  nameCipher: string;
  birthDate: string;
}

export interface PersonRecord extends NewPerson {
  id: string;
}

export interface PersonStore {
  /** The person with this ID-number hash, created if new; one row per real person whatever the channel. */
  findOrCreate(person: NewPerson): Promise<PersonRecord>;
  findById(id: string): Promise<PersonRecord | null>;
  findByIdHash(idHash: string): Promise<PersonRecord | null>;
}
