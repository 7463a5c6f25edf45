/** The port to the population registry that says whether a name and ID number belong together. */
export interface PopulationRegistry {
  matches(idNumber: string, name: string): Promise<boolean>;
}
