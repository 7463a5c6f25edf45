import { useEffect, useState } from 'react';
import { api } from '../../api/api';
import { listFamilyPeople, type FamilyPerson } from '../../api/family-source';

/** The family for 代亮码/代申报; an error leaves just oneself (the code page still works). */
export function useFamilyPeople(enabled = true): FamilyPerson[] {
  const [people, setPeople] = useState<FamilyPerson[]>([]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    listFamilyPeople(api)
      .then((items) => live && setPeople(items))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [enabled]);
  return people;
}
