import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTACT_FIELDS } from '../../src/model/fields.js';
import type { KindSpec } from '../../src/model/fields.js';
import { TableBuilder, keyedTable } from '../../src/model/table.js';
import type { ContactTable } from '../../src/model/table.js';
import { columnValues } from '../helpers/columns.js';

const spec = CONTACT_FIELDS as KindSpec;
const built = (builder: TableBuilder<KindSpec>) => builder.build() as unknown as ContactTable;

describe('TableBuilder', () => {
  it('gives arrays only to the fields in use; the others read as missing', () => {
    const builder = new TableBuilder(spec, 4);
    builder.use(['id', 'created_at']);
    for (let i = 0; i < 10; i++) {
      const row = builder.reserve();
      builder.time.created_at.set(row, i * 1000);
      const code = builder.text.id.code(`T${i}`);
      builder.text.id.codes[row] = code;
      builder.commit(0, i + 2);
    }
    const table = built(builder);
    expect(builder.columns()).toHaveProperty(['time.created_at']);
    expect(builder.columns()).not.toHaveProperty(['time.resolved_at']);
    expect(table.length).toBe(10);
    expect(Array.from(table.time.resolved_at.toMillis())).toEqual(new Array(10).fill(NaN));
    expect(columnValues(table.number.agent_replies)).toEqual(new Array(10).fill(NaN));
    expect(Array.from(table.flag.escalated)).toEqual(new Array(10).fill(-1));
    expect(Array.from(table.text.agent.codes)).toEqual(new Array(10).fill(-1));
    expect(table.text.agent.values).toEqual([]);
  });

  it('a key by row has no array: its codes are the rows, made only when asked for', () => {
    const builder = keyedTable('contacts', 4);
    builder.use(['id', 'created_at']);
    expect(builder.columns()).not.toHaveProperty(['text.id']);
    for (let i = 0; i < 10; i++) {
      const row = builder.reserve();
      builder.time.created_at.set(row, i * 1000);
      expect(builder.text.id.code(`T${i}`)).toBe(row);
      builder.commit(0, i + 2);
    }
    // grown, copied to another builder, and built: still no array, the same values
    const next = keyedTable('contacts');
    next.adopt(builder.state());
    const table = built(next);
    expect(table.text.id.byRow).toBe(true);
    expect(Array.from(table.text.id.codes)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(table.text.id.codes, (code) => table.text.id.valueAt(code))).toEqual(Array.from({ length: 10 }, (_, i) => `T${i}`));
    expect(table.text.agent.byRow).toBe(false);
    expect(() => next.keyByRow('id')).toThrow(/cannot be a key by row/);
  });

  it('a field first used after some rows holds missing values for them', () => {
    const builder = new TableBuilder(spec, 2);
    builder.use(['created_at']);
    builder.reserve();
    builder.time.created_at.set(0, 1000);
    builder.commit(0, 2);
    builder.use(['resolved_at']);
    const row = builder.reserve();
    builder.time.resolved_at.set(row, 5000);
    builder.commit(0, 3);
    expect(Array.from(built(builder).time.resolved_at.toMillis())).toEqual([NaN, 5000]);
  });

  it('widens text codes and numbers as values need, keeping every value exact', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ agent: fc.integer({ min: 0, max: 40_000 }), replies: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.double({ noNaN: true })) }), {
          maxLength: 300,
        }),
        fc.integer({ min: 0, max: 40_000 }),
        (rows, offset) => {
          const builder = new TableBuilder(spec, 8);
          builder.use(['agent', 'agent_replies', 'channel']);
          const names: string[] = [];
          rows.forEach((r, i) => {
            const row = builder.reserve();
            const name = `agent ${(r.agent + offset) % 40_000}`;
            names.push(name);
            const code = builder.text.agent.code(name);
            builder.text.agent.codes[row] = code;
            builder.setNumber('agent_replies', row, r.replies);
            builder.commit(0, i + 2);
          });
          const table = built(builder);
          expect(rows.map((_, i) => table.text.agent.values[table.text.agent.codes[i]])).toEqual(names);
          expect(columnValues(table.number.agent_replies)).toEqual(rows.map((r) => r.replies));
        },
      ),
    );
  });

  it('holds counts as bytes until a value is not a whole number from 0 to 254', () => {
    for (const [value, type] of [
      [254, Uint8Array],
      [255, Float32Array],
      [-1, Float32Array],
      [-0, Float32Array],
      [2.5, Float32Array],
      [0.1, Float64Array],
    ] as const) {
      const builder = new TableBuilder(spec, 4);
      builder.use(['agent_replies']);
      const values = [3, NaN, value, 0];
      for (const [i, v] of values.entries()) {
        builder.setNumber('agent_replies', builder.reserve(), v);
        builder.commit(0, i + 2);
      }
      const column = built(builder).number.agent_replies;
      expect(column.bytes ?? column.floats, String(value)).toBeInstanceOf(type);
      expect(columnValues(column)).toEqual(values);
    }
  });

  it('keeps the values of the row in progress when a column widens in the middle of it', () => {
    const builder = new TableBuilder(spec, 1024);
    builder.use(['agent', 'created_at']);
    for (let i = 0; i < 200; i++) {
      const row = builder.reserve();
      builder.time.created_at.set(row, i * 1000);
      const code = builder.text.agent.code(`a${i}`);
      builder.text.agent.codes[row] = code;
      builder.commit(0, i + 2);
    }
    const table = built(builder);
    expect(table.text.agent.codes).toBeInstanceOf(Int16Array);
    expect(Array.from(table.time.created_at.toMillis())).toEqual(Array.from({ length: 200 }, (_, i) => i * 1000));
  });

  it('holds times as Int32 seconds until one needs milliseconds, keeping every time exact', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map((s) => s * 1000), fc.integer({ min: -8.64e15, max: 8.64e15 }), fc.constant(NaN)), {
          maxLength: 50,
        }),
        (times) => {
          const builder = new TableBuilder(spec, 4);
          builder.use(['created_at']);
          times.forEach((ms, i) => {
            builder.time.created_at.set(builder.reserve(), ms);
            builder.commit(0, i + 2);
          });
          const column = built(builder).time.created_at;
          expect(Array.from(column.toMillis())).toEqual(times);
          const allSeconds = times.every((ms) => ms !== ms || (ms % 1000 === 0 && ms / 1000 > -(2 ** 31) && ms / 1000 < 2 ** 31));
          expect(column.seconds !== undefined).toBe(allSeconds);
        },
      ),
    );
  });

  it('starts identifiers as Int32 codes, labels as Int8, other text as Int16, counts as bytes and other numbers as Float32', () => {
    const builder = new TableBuilder(spec, 4);
    builder.use(['id', 'channel', 'agent', 'agent_replies', 'handle_seconds']);
    expect(builder.text.id.codes).toBeInstanceOf(Int32Array);
    expect(builder.text.channel.codes).toBeInstanceOf(Int8Array);
    expect(builder.text.agent.codes).toBeInstanceOf(Int16Array);
    expect(builder.number.agent_replies.bytes).toBeInstanceOf(Uint8Array);
    expect(builder.number.handle_seconds.floats).toBeInstanceOf(Float32Array);
  });
});
