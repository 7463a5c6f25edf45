import { z } from 'zod';
import { hasValidBirthDate, hasValidCheckDigit, ID_NUMBER_PATTERN } from './id-number';

export const IdNumber = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(
    z
      .string()
      .regex(ID_NUMBER_PATTERN, { message: '身份证号应为18位' })
      .refine(hasValidBirthDate, { message: '身份证号中的出生日期无效' })
      .refine(hasValidCheckDigit, { message: '身份证号校验位错误' }),
  );

export const PersonName = z
  .string()
  .trim()
  .min(2, { message: '姓名至少2个字' })
  .max(30, { message: '姓名过长' })
  .regex(/^[\u4e00-\u9fa5·]+$/u, { message: '请输入中文姓名' });

export const BindIdentityRequest = z.object({
  name: PersonName,
  idNumber: IdNumber,
});
export type BindIdentityRequest = z.infer<typeof BindIdentityRequest>;

export const MaskedIdentity = z.object({
  name: z.string(),
  idNumber: z.string(),
});
export type MaskedIdentity = z.infer<typeof MaskedIdentity>;

export const BindIdentityResponse = z.object({
  verified: z.literal(true),
  identity: MaskedIdentity,
});
export type BindIdentityResponse = z.infer<typeof BindIdentityResponse>;
