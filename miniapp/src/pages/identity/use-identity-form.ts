import { useState } from 'react';
import { BindIdentityRequest, type MaskedIdentity } from '@govpass/shared-types';
import { api } from '../../api/api';
import { isApiError } from '../../api/api-error';
import { fieldMessage, firstIssuePerField, serverFieldErrors, type FieldErrorsOf } from '../../utils/field-errors';
import { userMessage } from '../../api/error-messages';
import { ensureConsent, openConsentPopup } from '../../store/consent';
import { markVerified } from '../../store/session';

export type IdentityField = keyof BindIdentityRequest;
export type FieldErrors = FieldErrorsOf<IdentityField>;
type Values = Record<IdentityField, string>;

const FIELDS: readonly IdentityField[] = ['name', 'idNumber'];

/** The first message per field, straight from the shared schema (same rules as the BFF). */
export function validateIdentity(values: Values): FieldErrors {
  const result = BindIdentityRequest.safeParse(values);
  return result.success ? {} : firstIssuePerField<IdentityField>(result.error);
}

export function useIdentityForm() {
  const [values, setValues] = useState<Values>({ name: '', idNumber: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [bound, setBound] = useState<MaskedIdentity | null>(null);

  const change = (field: IdentityField, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    // Clear a shown error as soon as the user edits; it comes back on blur if still wrong.
    setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));
    setFormError(null);
  };

  const blur = (field: IdentityField) => {
    if (values[field].trim() === '') return;
    setErrors((e) => ({ ...e, [field]: fieldMessage(BindIdentityRequest.shape[field], values[field]) }));
  };

  const failWith = (error: unknown) => {
    if (isApiError(error) && error.code === 'CONSENT_REQUIRED') openConsentPopup();
    const fieldErrors = isApiError(error) && error.code === 'VALIDATION_FAILED' ? serverFieldErrors(FIELDS, error) : {};
    setErrors(fieldErrors);
    setFormError(Object.keys(fieldErrors).length > 0 ? null : userMessage(error));
  };

  const submit = async () => {
    const clientErrors = validateIdentity(values);
    setErrors(clientErrors);
    setFormError(null);
    if (Object.keys(clientErrors).length > 0) return;
    // Identity is collected only after the privacy policy is agreed to (the popup opens if not).
    if (!(await ensureConsent())) {
      setFormError('请先阅读并同意《隐私政策》，才能实名认证');
      return;
    }
    setSubmitting(true);
    try {
      const res = await api.call('bindIdentity', BindIdentityRequest.parse(values));
      setBound(res.identity);
      markVerified();
    } catch (error) {
      failWith(error);
    } finally {
      setSubmitting(false);
    }
  };

  return { values, errors, formError, submitting, bound, change, blur, submit };
}
