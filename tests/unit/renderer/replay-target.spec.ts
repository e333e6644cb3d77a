/** Replay names its target: the recorded profile by default, or says plainly that another is used. */
import { describe, expect, it } from 'vitest';
import { planReplay, type ReplayRow } from '../../../renderer/src/features/history/replay-target.js';

const staging = { id: 's', name: 'staging', environment: 'test' };
const prod = { id: 'p', name: 'PROD', environment: 'prod' };
const dev = { id: 'd', name: 'local', environment: 'dev' };
const row = (id: number, profileId: string, profileName: string, topic = 'Orders', messageCount = 1): ReplayRow => ({
  id,
  profileId,
  profileName,
  topic,
  messageCount,
});

describe('planReplay', () => {
  it('a row recorded under staging, PROD active: asks, defaults to staging, and the other choice says where it goes', () => {
    const plan = planReplay([row(1, 's', 'staging')], [staging, prod], prod);
    expect(plan.ask).toBe(true);
    expect(plan.defaultChoice).toBe('original');
    expect(plan.danger).toBe(false); // the default target is not production
    expect(plan.title).toBe('Replay 1 message?');
    const [original, active] = plan.choices;
    expect(original).toMatchObject({
      value: 'original',
      label: "Original profile 'staging' (test)",
      danger: false,
      target: { profile: 'staging', environment: 'test', topic: 'Orders', count: '1 message' },
    });
    expect(original!.detail).toBe("Will send to 'staging' (test), where it was recorded.");
    expect(active).toMatchObject({ value: 'active', danger: true, target: { profile: 'PROD', environment: 'prod' } });
    expect(active!.detail).toBe("Recorded under 'staging'; will send to 'PROD' (production).");
    expect(plan.profileIdFor('original')).toBeUndefined();
    expect(plan.profileIdFor('active')).toBe('p');
    expect(plan.connectFor('original')).toEqual(['s']);
    expect(plan.connectFor('active')).toEqual(['p']);
  });

  it('rows from the active production profile: one named target, danger, no choice', () => {
    const plan = planReplay([row(1, 'p', 'PROD', 'A', 3), row(2, 'p', 'PROD', 'B')], [staging, prod], prod);
    expect(plan).toMatchObject({
      ask: true,
      danger: true,
      choices: [],
      target: { profile: 'PROD', environment: 'prod', topic: 'A, B', count: '4 messages from 2 entries' },
    });
  });

  it('rows from the active dev profile replay without asking, as a dev send does', () => {
    expect(planReplay([row(1, 'd', 'local')], [dev], dev).ask).toBe(false);
  });

  it('a deleted origin cannot be chosen: the active profile is the default and the dialog says why', () => {
    const plan = planReplay([row(1, 'gone', 'old-staging')], [prod], prod);
    expect(plan.defaultChoice).toBe('active');
    expect(plan.danger).toBe(true);
    expect(plan.choices[0]).toMatchObject({ value: 'original', disabled: true, label: "Original profile 'old-staging' — no longer exists" });
    expect(plan.choices[1]!.detail).toBe("Recorded under 'old-staging' ('old-staging' no longer exists); will send to 'PROD' (production).");
  });

  it('rows from several profiles go back to each, and production among them makes the choice dangerous', () => {
    const plan = planReplay([row(1, 's', 'staging'), row(2, 'p', 'PROD', 'Pay')], [staging, prod, dev], dev);
    expect(plan.choices[0]).toMatchObject({
      label: "Each entry's original profile ('staging', 'PROD')",
      danger: true,
      target: { profile: 'staging, PROD', environment: 'prod, test', topic: 'Orders, Pay' },
    });
    expect(plan.choices[0]!.detail).toBe("Each entry goes back to the profile it was recorded under: 'staging' (test), 'PROD' (production).");
    expect(plan.connectFor('original').sort()).toEqual(['p', 's']);
  });
});
