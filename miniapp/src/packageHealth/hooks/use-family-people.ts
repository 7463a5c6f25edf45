import { useEffect, useState } from 'react';
import type { FamilyMember } from '@govpass/shared-types';
import { familyApi } from '../../api/family-api';

/** The one family list (identity), for 代亮码/代申报; an error leaves just oneself (the code page still works). */
export function useFamilyPeople(enabled = true): FamilyMember[] {
  const [people, setPeople] = useState<FamilyMember[]>([]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    familyApi
      .list()
      .then((res) => live && setPeople(res.items))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [enabled]);
  return people;
}
