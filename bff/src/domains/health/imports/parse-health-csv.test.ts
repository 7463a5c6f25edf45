import { withCheckChar } from '@govpass/shared-types';
import { parseListCsv, parseTestCsv } from './parse-health-csv';

const ID = withCheckChar('11010519491231002');
const NOW = Date.parse('2026-12-04T00:00:00Z');

describe('health CSV imports', () => {
  it('reads a list with a BOM, CRLF, empty release days and blank lines', () => {
    const r = parseListCsv(`\uFEFFidNumber,date,releasedOn\r\n${ID},2026-12-01,\r\n\r\n"${ID}",2026-11-20,2026-11-30\r\n`);
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      { idNumber: ID, date: '2026-12-01', releasedOn: null },
      { idNumber: ID, date: '2026-11-20', releasedOn: '2026-11-30' },
    ]);
  });

  it('reports every bad row by its line in the file', () => {
    const bad = withCheckChar('11010519491231002').slice(0, 17) + '0';
    const r = parseListCsv(`idNumber,date,releasedOn\n${ID},2026-12-01,\n\n${bad},2026-12-01,\n${ID},2026-02-30,\n${ID},2026-12-01\n${ID},2026-12-01,2026-11-01\n`);
    expect(r.errors.map((e) => e.line)).toEqual([4, 5, 6, 7]);
    expect(r.errors[0].message).toMatch(/身份证号码有误/);
    expect(r.errors[1].message).toMatch(/日期/);
    expect(r.errors[2].message).toMatch(/应有3列/);
    expect(r.errors[3].message).toMatch(/不能早于/);
  });

  it('requires the header line and at least one row', () => {
    expect(parseListCsv(`${ID},2026-12-01,\n`).errors).toEqual([{ line: 1, message: '第一行应为表头：idNumber,date,releasedOn' }]);
    expect(parseListCsv('idNumber,date,releasedOn\n').errors).toEqual([{ line: 1, message: '文件中没有数据行' }]);
  });

  it('reads test results with offsets and refuses naive or future times and unknown results', () => {
    const ok = parseTestCsv(`idNumber,result,sampledAt\n${ID},NEGATIVE,2026-12-03T08:30:00+08:00\n${ID},positive,2026-12-02T01:00:00Z\n`, NOW);
    expect(ok.errors).toEqual([]);
    expect(ok.rows).toEqual([
      { idNumber: ID, result: 'negative', sampledAt: Date.parse('2026-12-03T00:30:00Z') },
      { idNumber: ID, result: 'positive', sampledAt: Date.parse('2026-12-02T01:00:00Z') },
    ]);
    const bad = parseTestCsv(`idNumber,result,sampledAt\n${ID},阴性,2026-12-03T08:30:00+08:00\n${ID},negative,2026-12-03 08:30\n${ID},negative,2026-12-09T00:00:00Z\n`, NOW);
    expect(bad.errors.map((e) => e.line)).toEqual([2, 3, 4]);
  });

  it('reads quoted cells (CSV as Excel writes it) and numbers rows by the line they start on', () => {
    const r = parseListCsv(`idNumber,date,releasedOn\n"${ID}","2026-12-01",""\n"1101\n05",2026-12-01,\r\n"x,y",2026-12-01,\nbad,2026-12-01,\n`);
    expect(r.rows).toEqual([{ idNumber: ID, date: '2026-12-01', releasedOn: null }]);
    expect(r.errors.map((e) => e.line)).toEqual([3, 5, 6]);
    expect(r.errors[1].message).toMatch(/身份证号码有误/);
  });

  it('refuses a file whose quoting is broken, at that line', () => {
    const r = parseListCsv(`idNumber,date,releasedOn\n${ID},2026-12-01,\n"${ID},2026-12-01,\n`);
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([{ line: 3, message: expect.stringMatching(/引号/) as unknown }]);
  });
});
