import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { withCheckChar } from '@govpass/shared-types';
import FamilyPage from '../src/pages/family/index';
import { validateFamilyMember } from '../src/pages/family/use-family-form';
import { fakeServer, meAnswer, signedIn } from './helpers';
import { FAMILY, familyMember } from './family-fixtures';
import { verifiedCitizen } from './mask-fixtures';

const VALID_ID = withCheckChar('11010519491231002');
const WRONG_CHECK_DIGIT = VALID_ID.slice(0, 17) + (VALID_ID[17] === '1' ? '2' : '1');
const byId = (id: string) => document.getElementById(id);

function fill(id: string, value: string): HTMLInputElement {
  const input = byId(id) as HTMLInputElement;
  fireEvent.change(input, { target: { value } });
  return input;
}

const errorText = (id: string) => byId(`${id}-error`)?.textContent ?? null;

async function openPage(items = [familyMember('f-1')]) {
  fakeServer.on('GET', FAMILY.list, fakeServer.json(200, { items, limit: 5 }));
  render(<FamilyPage />);
  await waitFor(() => expect(byId('family-count')?.textContent).toBe(`${items.length}/5`));
}

describe('家人管理 (family)', () => {
  beforeEach(() => signedIn(verifiedCitizen));

  it('lists members with their relation, masked name and the ID number\'s last four (never the masked middle)', async () => {
    await openPage([
      familyMember('f-1', { name: '李*', relation: 'father', idNumber: '1101**********0021', idLast4: '0021' }),
      familyMember('f-2', { name: '李**', relation: 'mother', idNumber: '1101**********123X', idLast4: '123X' }),
      familyMember('f-3', { name: '王*', relation: 'parent', idLast4: '0456' }),
    ]);

    expect(byId('family-f-1-relation')?.textContent).toBe('父亲');
    expect(byId('family-f-1-label')?.textContent).toBe('李* · 尾号 0021');
    expect(byId('family-f-2-relation')?.textContent).toBe('母亲');
    expect(byId('family-f-2-label')?.textContent).toBe('李** · 尾号 123X');
    // Links made before 父亲/母亲 were offered still read sensibly.
    expect(byId('family-f-3-relation')?.textContent).toBe('父母');
    expect(byId('family-list')?.textContent).not.toContain('**********');
  });

  it('shows 本人 first, from the verified identity, without a delete button', async () => {
    fakeServer.on('GET', '/api/v1/me', fakeServer.json(200, meAnswer({ identity: { name: '王**', idNumber: '3401**********1234' } })));
    await openPage([familyMember('f-1')]);

    await waitFor(() => expect(byId('family-self-label')?.textContent).toBe('王** · 尾号 1234'));
    expect(byId('family-self-relation')?.textContent).toBe('本人');
    expect(byId('family-self-remove')).toBeNull();
    expect(byId('family-list')?.firstElementChild?.id).toBe('family-self');
  });

  it('offers 配偶, 父亲, 母亲, 子女 … 其他 when adding (not the old 父母)', async () => {
    await openPage();
    const chips = Array.from(document.querySelectorAll('.relation-chip')).map((c) => c.textContent);
    expect(chips.slice(0, 4)).toEqual(['配偶', '父亲', '母亲', '子女']);
    expect(chips[chips.length - 1]).toBe('其他');
    expect(chips).not.toContain('父母');
  });

  it('validates inline on blur with the shared schema', async () => {
    await openPage();

    fireEvent.blur(fill('family-id-number', WRONG_CHECK_DIGIT));
    fireEvent.blur(fill('family-name', 'Li Si'));

    expect(errorText('family-id-number')).toBe('身份证号最后一位不对，请核对');
    expect(errorText('family-name')).toBe('请输入中文姓名');
    fill('family-name', '李四');
    expect(errorText('family-name')).toBeNull();
  });

  it('asks for the relation on submit and sends nothing while anything is wrong', async () => {
    await openPage();
    fill('family-name', '李四');
    fill('family-id-number', VALID_ID);

    fireEvent.click(byId('family-submit')!);

    expect(errorText('family-relation')).toBe('请选择与本人关系');
    expect(fakeServer.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('adds a member (normalised values) and lists the masked result', async () => {
    fakeServer.on('POST', FAMILY.list, fakeServer.json(201, { member: familyMember('f-2', { name: '王*', relation: 'child' }) }));
    await openPage();
    fill('family-name', ' 王小明 ');
    fill('family-id-number', VALID_ID.toLowerCase());
    fireEvent.click(byId('family-relation-child')!);

    fireEvent.click(byId('family-submit')!);

    await waitFor(() => expect(byId('family-f-2-label')?.textContent).toBe('王* · 尾号 0021'));
    expect(fakeServer.requestsTo(FAMILY.list).find((r) => r.method === 'POST')?.data).toEqual({ name: '王小明', idNumber: VALID_ID, relation: 'child' });
    expect(byId('family-count')?.textContent).toBe('2/5');
    expect((byId('family-name') as HTMLInputElement).value).toBe('');
  });

  it.each([
    ['FAMILY_LIMIT', 409, '最多可添加5位家人'],
    ['IDENTITY_MISMATCH', 422, '姓名与身份证号不匹配，请核对后重试'],
  ])('shows %s as a form error', async (code, status, message) => {
    fakeServer.on('POST', FAMILY.list, fakeServer.error(status, code));
    await openPage();
    fill('family-name', '李四');
    fill('family-id-number', VALID_ID);
    fireEvent.click(byId('family-relation-father')!);

    fireEvent.click(byId('family-submit')!);

    expect((await screen.findByText(message)).id).toBe('family-form-error');
  });

  it('hides the form at the limit of 5', async () => {
    await openPage(['a', 'b', 'c', 'd', 'e'].map((id) => familyMember(id)));

    expect(byId('family-limit-reached')?.textContent).toContain('最多可添加5位家人');
    expect(byId('family-form')).toBeNull();
  });

  it('removes a member after confirmation', async () => {
    fakeServer.on('DELETE', FAMILY.member('f-1'), fakeServer.json(200, { deleted: true }));
    await openPage();

    fireEvent.click(byId('family-f-1-remove')!);

    await waitFor(() => expect(byId('family-f-1')).toBeNull());
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '删除家人' }));
    expect(byId('family-empty')).not.toBeNull();
  });

  it('leads to 实名认证 when the account has no identity yet', async () => {
    fakeServer.on('GET', FAMILY.list, fakeServer.error(403, 'IDENTITY_REQUIRED'));
    render(<FamilyPage />);

    fireEvent.click(await screen.findByText('去实名认证'));

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/identity/index' });
  });

  it('validateFamilyMember reports one message per field', () => {
    expect(validateFamilyMember({ name: '', idNumber: '', relation: '' })).toEqual({
      name: expect.any(String),
      idNumber: expect.any(String),
      relation: '请选择与本人关系',
    });
    expect(validateFamilyMember({ name: '李四', idNumber: VALID_ID, relation: 'spouse' })).toEqual({});
  });
});
