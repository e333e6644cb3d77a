/** Humanised figures the views show: durations, broker uptime, numbers with separators. */
import { describe, expect, it } from 'vitest';
import { fmtNum, formatDuration } from '../../../renderer/src/lib/format.js';
import { formatBrokerRuntime, parseBrokerRuntime } from '../../../renderer/src/lib/uptime.js';

describe('formatDuration', () => {
  it('says durations as people do, never "elapsed 20025 ms"', () => {
    expect(formatDuration(20_025)).toBe('20.0 s');
    expect(formatDuration(65_000)).toBe('1 min 5 s');
    expect(formatDuration(120_000)).toBe('2 min');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(59_949)).toBe('59.9 s');
    expect(formatDuration(59_950)).toBe('1 min'); // never "60.0 s"
    expect(formatDuration(3_723_000)).toBe('1 h 2 min');
    expect(formatDuration(3_600_000)).toBe('1 h');
    expect(formatDuration(2 * 86_400_000 + 3 * 3_600_000 + 59_000)).toBe('2 d 3 h');
  });

  it('shows a dash for what is not a duration', () => {
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
    expect(formatDuration(-5)).toBe('—');
  });
});

describe('broker runtime (uptime)', () => {
  it("reads RocketMQ's runtime text into milliseconds", () => {
    expect(parseBrokerRuntime('[ 0 days, 0 hours, 12 minutes, 10 seconds ]')).toBe(730_000);
    expect(parseBrokerRuntime('[ 1 days, 2 hours, 0 minutes, 1 seconds ]')).toBe(86_400_000 + 7_200_000 + 1000);
    expect(parseBrokerRuntime('[ 1 day, 1 hour, 1 minute, 1 second ]')).toBe(90_061_000);
  });

  it('says it briefly: the two most significant units, no leading zeros', () => {
    expect(formatBrokerRuntime('[ 0 days, 0 hours, 12 minutes, 10 seconds ]')).toBe('12 min 10 s');
    expect(formatBrokerRuntime('[ 0 days, 0 hours, 0 minutes, 7 seconds ]')).toBe('7 s');
    expect(formatBrokerRuntime('[ 0 days, 5 hours, 12 minutes, 10 seconds ]')).toBe('5 h 12 min');
    expect(formatBrokerRuntime('[ 3 days, 0 hours, 12 minutes, 10 seconds ]')).toBe('3 d');
    expect(formatBrokerRuntime('[ 3 days, 4 hours, 12 minutes, 10 seconds ]')).toBe('3 d 4 h');
    expect(formatBrokerRuntime('[ 0 days, 0 hours, 2 minutes, 0 seconds ]')).toBe('2 min');
  });

  it('returns text in another format unchanged, and a dash for none', () => {
    expect(parseBrokerRuntime('up since Monday')).toBeUndefined();
    expect(parseBrokerRuntime('[ 0 days, 0 fortnights ]')).toBeUndefined();
    expect(parseBrokerRuntime('[ ]')).toBeUndefined();
    expect(formatBrokerRuntime('up since Monday')).toBe('up since Monday');
    expect(formatBrokerRuntime(undefined)).toBe('—');
    expect(formatBrokerRuntime('  ')).toBe('—');
  });
});

describe('fmtNum', () => {
  it('groups thousands', () => {
    expect(fmtNum(1234567)).toBe('1,234,567');
    expect(fmtNum(1234.5, 1)).toBe('1,234.5');
    expect(fmtNum(undefined)).toBe('—');
  });
});
