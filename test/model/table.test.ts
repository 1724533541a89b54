import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTACT_FIELDS } from '../../src/model/fields.js';
import type { KindSpec } from '../../src/model/fields.js';
import { TableBuilder } from '../../src/model/table.js';

const spec = CONTACT_FIELDS as KindSpec;

describe('TableBuilder', () => {
  it('gives arrays only to the fields in use; the others read as missing', () => {
    const builder = new TableBuilder(spec, 4);
    builder.use(['id', 'created_at']);
    for (let i = 0; i < 10; i++) {
      const row = builder.reserve();
      builder.time.created_at[row] = i;
      const code = builder.text.id.code(`T${i}`);
      builder.text.id.codes[row] = code;
      builder.commit(0, i + 2);
    }
    const table = builder.build();
    expect(builder.columns()).toHaveProperty(['time.created_at']);
    expect(builder.columns()).not.toHaveProperty(['time.resolved_at']);
    expect(table.length).toBe(10);
    expect(Array.from(table.time.resolved_at)).toEqual(new Array(10).fill(NaN));
    expect(Array.from(table.number.agent_replies)).toEqual(new Array(10).fill(NaN));
    expect(Array.from(table.flag.escalated)).toEqual(new Array(10).fill(-1));
    expect(Array.from(table.text.agent.codes)).toEqual(new Array(10).fill(-1));
    expect(table.text.agent.values).toEqual([]);
  });

  it('a field first used after some rows holds missing values for them', () => {
    const builder = new TableBuilder(spec, 2);
    builder.use(['created_at']);
    builder.reserve();
    builder.time.created_at[0] = 1;
    builder.commit(0, 2);
    builder.use(['resolved_at']);
    const row = builder.reserve();
    builder.time.resolved_at[row] = 5;
    builder.commit(0, 3);
    expect(Array.from(builder.build().time.resolved_at)).toEqual([NaN, 5]);
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
          const table = builder.build();
          expect(rows.map((_, i) => table.text.agent.values[table.text.agent.codes[i]])).toEqual(names);
          expect(Array.from(table.number.agent_replies)).toEqual(rows.map((r) => r.replies));
        },
      ),
    );
  });

  it('keeps the values of the row in progress when a column widens in the middle of it', () => {
    const builder = new TableBuilder(spec, 1024);
    builder.use(['agent', 'created_at']);
    for (let i = 0; i < 200; i++) {
      const row = builder.reserve();
      builder.time.created_at[row] = i;
      const code = builder.text.agent.code(`a${i}`);
      builder.text.agent.codes[row] = code;
      builder.commit(0, i + 2);
    }
    const table = builder.build();
    expect(table.text.agent.codes).toBeInstanceOf(Int16Array);
    expect(Array.from(table.time.created_at)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it('starts identifiers as Int32 codes, labels as Int8 and other text as Int16', () => {
    const builder = new TableBuilder(spec, 4);
    builder.use(['id', 'channel', 'agent', 'agent_replies']);
    expect(builder.text.id.codes).toBeInstanceOf(Int32Array);
    expect(builder.text.channel.codes).toBeInstanceOf(Int8Array);
    expect(builder.text.agent.codes).toBeInstanceOf(Int16Array);
    expect(builder.number.agent_replies).toBeInstanceOf(Float32Array);
  });
});
