import { useEffect, useState } from 'react';
import { familyApi } from '../../api/family-api';
import { familyMemberLabel } from '../../constants/relation-labels';
import type { Pickable } from '../components/people-picker';

/**
 * Who can be checked in: oneself (always first, ticked) and the family list; a failed family
 * load leaves just oneself, which still checks in.
 */
export function useCheckinPeople() {
  const [people, setPeople] = useState<Pickable[]>([{ personId: null, label: '本人' }]);
  const [chosen, setChosen] = useState<(string | null)[]>([null]);

  useEffect(() => {
    let live = true;
    familyApi
      .list()
      .then((res) => {
        if (!live) return;
        setPeople([{ personId: null, label: '本人' }, ...res.items.map((m) => ({ personId: m.personId, label: familyMemberLabel(m) }))]);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  const toggle = (personId: string | null) =>
    setChosen((c) => (c.includes(personId) ? c.filter((p) => p !== personId) : [...c, personId]));

  return { people, chosen, toggle };
}
