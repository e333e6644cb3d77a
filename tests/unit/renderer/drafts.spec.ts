import { describe, expect, it } from 'vitest';
import { blankDraft, draftFromRequest, neighbourAfterClose, newTab, parseTabSet, tabTitle } from '../../../renderer/src/features/composer/drafts.js';

describe('composer drafts', () => {
  it('reads back a stored tab set, and falls back to one blank tab when there is none or it is unreadable', () => {
    const a = newTab({ ...blankDraft(), topic: 'A', body: 'x' });
    const b = newTab({ ...blankDraft(), topic: 'B' }, { kind: 'history', historyId: 7 }, 'mine');
    const set = parseTabSet(JSON.stringify({ activeId: b.id, tabs: [a, b] }));
    expect(set.activeId).toBe(b.id);
    expect(set.tabs).toEqual([a, b]);
    for (const bad of [null, '', '{', '[]', '{"tabs": 3}']) {
      const s = parseTabSet(bad);
      expect(s.tabs).toHaveLength(1);
      expect(s.tabs[0]?.draft).toEqual(blankDraft());
      expect(s.activeId).toBe(s.tabs[0]?.id);
    }
  });

  it('checks every stored field: wrong types become defaults, unknown origins are dropped', () => {
    const set = parseTabSet(
      JSON.stringify({
        activeId: 'gone',
        tabs: [
          {
            id: 'x',
            title: 5,
            origin: { kind: 'evil' },
            draft: { topic: 1, bodyFormat: 'exe', batch: 2.5, mode: 'oneway', props: [{ key: 'k', value: 'v' }, { key: 1 }] },
          },
        ],
      }),
    );
    expect(set.activeId).toBe('x');
    const t = set.tabs[0]!;
    expect(t.title).toBe('');
    expect(t.origin).toBeUndefined();
    expect(t.draft).toEqual({ ...blankDraft(), mode: 'oneway', props: [{ key: 'k', value: 'v' }] });
  });

  it('titles tabs by the user, the template, the replayed entry, the topic', () => {
    const d = { ...blankDraft(), topic: 'Orders' };
    expect(tabTitle(newTab(d, undefined, ' mine '))).toBe('mine');
    expect(tabTitle(newTab(d, { kind: 'template', templateId: 't', name: 'order created' }))).toBe('order created');
    expect(tabTitle(newTab(d, { kind: 'history', historyId: 12 }))).toBe('Replay #12 · Orders');
    expect(tabTitle(newTab(d), 'Live')).toBe('Live');
    expect(tabTitle(newTab())).toBe('New message');
  });

  it('turns a request into a draft (keys, properties, target)', () => {
    const d = draftFromRequest(
      {
        profileId: 'p',
        message: { topic: 'T', keys: ['a', 'b'], properties: { x: '1' }, body: 'b', bodyFormat: 'json' },
        target: { kind: 'queue', brokerName: 'broker-a', queueId: 3 },
        batch: 2,
      },
      'tpl',
    );
    expect(d).toMatchObject({
      topic: 'T',
      keys: 'a b',
      props: [{ key: 'x', value: '1' }],
      bodyFormat: 'json',
      targetKind: 'queue',
      targetBroker: 'broker-a',
      targetQueue: 3,
      batch: 2,
      templateId: 'tpl',
    });
  });

  it('after closing a tab shows its right neighbour, else its left one', () => {
    const [a, b, c] = [newTab(), newTab(), newTab()];
    expect(neighbourAfterClose([a, b, c], b.id)).toBe(c.id);
    expect(neighbourAfterClose([a, b, c], c.id)).toBe(b.id);
    expect(neighbourAfterClose([a], a.id)).toBeUndefined();
  });
});
