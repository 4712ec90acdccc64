import { describe, expect, it } from 'vitest';
import { BUILT_IN_SOURCE, loadCatalog } from '../../../functions/src/playbooks/catalog.js';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
type Pb = { id: string; actions: unknown[]; inform?: { state: string; variants?: { when: unknown; message: string }[] } };
const find = (s: typeof BUILT_IN_SOURCE, id: string) => s.playbooks.find((p) => (p as Pb).id === id) as Pb;

describe('playbooks that inform (no actions)', () => {
  it('loads where_is_my_order with no actions and an inform block', () => {
    const pb = loadCatalog().playbooks.find((p) => p.id === 'where_is_my_order')!;
    expect(pb.actions).toEqual([]);
    expect(pb.inform).toMatchObject({ state: 'closed' });
    expect(pb.inform!.variants!.map((v) => v.message)).toEqual(['wismo.not_shipped', 'wismo.partially_shipped', 'wismo.delivered']);
  });

  it.each([
    ['no actions and no inform block', (s: typeof BUILT_IN_SOURCE) => { delete find(s, 'where_is_my_order').inform; }, /at least one action, or no actions and an "inform" block/],
    ['actions and an inform block at once', (s: typeof BUILT_IN_SOURCE) => { find(s, 'return_delivered_order').inform = { state: 'closed' }; }, /at least one action, or no actions/],
    ['an unknown inform state', (s: typeof BUILT_IN_SOURCE) => { find(s, 'where_is_my_order').inform!.state = 'solved'; }, /inform\.state/],
    ['an inform variant with an unknown template', (s: typeof BUILT_IN_SOURCE) => { find(s, 'where_is_my_order').inform!.variants![0]!.message = 'wismo.nope'; }, /unknown templates: wismo\.nope/],
    ['a malformed inform condition', (s: typeof BUILT_IN_SOURCE) => { find(s, 'where_is_my_order').inform!.variants![0]!.when = { fact: 'x', op: 'about' }; }, /inform\.variants\.0\.when/],
  ])('rejects %s', (_n, mutate, message) => {
    const source = clone(BUILT_IN_SOURCE);
    mutate(source);
    expect(() => loadCatalog(source)).toThrow(message);
  });
});
