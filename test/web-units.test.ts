import { legendOf, stepOf, STEPS } from '../web/src/pages/analysis/heatmap';
import { changedKeys, controlKeyOf, merged, patchOf, type FormValues } from '../web/src/pages/partner/form-model';

/** Pieces of the web app whose rules are cheaper to test here than in a browser. */

describe('the heatmap scale', () => {
  test('zero is its own step; the largest count the darkest; every count finds its legend entry', () => {
    expect(stepOf(0, 3)).toBe(0);
    expect(stepOf(3, 3)).toBe(STEPS);
    expect(stepOf(1, 100)).toBe(1);
    for (const max of [1, 2, 3, 7, 40]) {
      const legend = legendOf(max);
      for (let n = 1; n <= max; n++) {
        const entry = legend.find((e) => e.from <= n && n <= e.to);
        expect(entry?.step).toBe(stepOf(n, max));
      }
    }
  });
});

describe("the edit form's patch", () => {
  const base: FormValues = {
    shortName: 'VHS', description: 'Kurse', website: '', email: '', phone: '', languages: 'de, tr', offers: 'Deutschkurse\nIntegrationskurse',
    fieldsOfAction: ['I', 'II'], serviceAreas: ['wetzlar'], contacts: [{ key: 'c1', id: 'c1', name: 'Erika', function: '', email: '', phone: '', languages: '' }],
  };

  test('holds only what changed, normalised: trimmed text, empty as null, lists without blanks', () => {
    const values = { ...base, website: '  https://vhs.example/ ', description: 'Kurse', languages: 'de,tr', offers: 'Deutschkurse\n\nIntegrationskurse\n' };
    expect(changedKeys(base, values)).toEqual(['website']);
    expect(patchOf(base, values)).toEqual({ website: 'https://vhs.example/' });
    expect(patchOf(base, { ...base, shortName: '   ' })).toEqual({ shortName: null });
    expect(patchOf(base, { ...base, fieldsOfAction: ['II', 'I'] })).toEqual({});
  });

  test("after a conflict, the partner's changed fields go on top of the current values, nothing else", () => {
    const current = { ...base, description: 'Kurse für alle', version: undefined } as unknown as FormValues;
    const mine = { ...base, website: 'https://vhs.example/' };
    const keys = changedKeys(base, mine);
    expect(merged(current, mine, keys)).toMatchObject({ description: 'Kurse für alle', website: 'https://vhs.example/' });
  });

  test("a problem's field names the control it belongs to", () => {
    expect(controlKeyOf('patch.website')).toBe('website');
    expect(controlKeyOf('input.patch.contacts[0].email')).toBe('contacts-0-email');
    expect(controlKeyOf('patch.contacts.1.name')).toBe('contacts-1-name');
  });
});
