import { useState } from 'react';
import { isApiError } from '../../../api/api-error';
import { userMessage } from '../../../api/error-messages';
import { venueApi } from '../../../api/venue-api';
import { RegisterVenueRequest, type VenuePoster, type VenueType } from '../../../api/venue-contract';
import { platform } from '../../../platform/platform';
import { firstIssuePerField, serverFieldErrors, type FieldErrorsOf } from '../../../utils/field-errors';

export type VenueField = 'name' | 'address' | 'district' | 'type' | 'lat' | 'lng';
export type VenueFormValues = Record<Exclude<VenueField, 'type'>, string> & { type: VenueType | '' };

const FIELDS: readonly VenueField[] = ['name', 'address', 'district', 'type', 'lat', 'lng'];
const EMPTY: VenueFormValues = { name: '', address: '', district: '', type: '', lat: '', lng: '' };

/** A typed coordinate, or the text itself so the schema reports it (请提供纬度). */
function coordinate(text: string): number | string {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

/** The form's values checked by the shared schema (the BFF's own rules), with one message per field. */
export function validateVenue(values: VenueFormValues) {
  return RegisterVenueRequest.safeParse({ ...values, type: values.type || undefined, lat: coordinate(values.lat), lng: coordinate(values.lng) });
}

/** 登记新场所: name, address, district, type and where it is (the phone's position or typed in). */
export function useVenueForm(onRegistered: (poster: VenuePoster) => void) {
  const [values, setValues] = useState<VenueFormValues>(EMPTY);
  const [errors, setErrors] = useState<FieldErrorsOf<VenueField>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [locating, setLocating] = useState(false);

  const change = (field: VenueField, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));
    setFormError(null);
  };

  const locate = async () => {
    setLocating(true);
    const here = await platform.getLocation();
    setLocating(false);
    if (!here) {
      setFormError('无法获取当前位置，请手动填写经纬度');
      return;
    }
    setValues((v) => ({ ...v, lat: here.lat.toFixed(6), lng: here.lng.toFixed(6) }));
    setErrors((e) => ({ ...e, lat: undefined, lng: undefined }));
  };

  const submit = async () => {
    const checked = validateVenue(values);
    if (!checked.success) {
      setErrors(firstIssuePerField<VenueField>(checked.error));
      return;
    }
    setErrors({});
    setFormError(null);
    setBusy(true);
    try {
      const { poster } = await venueApi.call('registerVenue', { body: checked.data });
      onRegistered(poster);
    } catch (e) {
      const fieldErrors = isApiError(e) && e.code === 'VALIDATION_FAILED' ? serverFieldErrors(FIELDS, e) : {};
      setErrors(fieldErrors);
      setFormError(Object.keys(fieldErrors).length > 0 ? null : userMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return { values, errors, formError, busy, locating, change, locate, submit };
}
