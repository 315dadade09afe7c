import { useEffect, useState } from 'react';
import type { AvailabilityInterval } from '@panda/shared';
import { api } from '../../api/endpoints';
import { asApiError } from '../../api/client';
import { Alert, LoadError } from '../../components/Alert';
import { Modal } from '../../components/Modal';
import { useQuery } from '../../hooks/useQuery';
import { useLocale, useT } from '../../i18n';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** A teacher's week: intervals of wall-clock time in their own time zone. */
export function AvailabilityDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const saved = useQuery((signal) => api.myAvailability(signal), []);
  const [intervals, setIntervals] = useState<AvailabilityInterval[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  useEffect(() => {
    if (saved.data) setIntervals(saved.data.intervals);
  }, [saved.data]);
  // 2024-01-01 was a Monday: weekday n is January n.
  const weekdayName = (weekday: number) => new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, weekday)));
  const change = (index: number, patch: Partial<AvailabilityInterval>) => setIntervals((list) => list.map((item, i) => (i === index ? { ...item, ...patch } : item)));

  async function save() {
    setErrors({});
    setMessage(null);
    try {
      const result = await api.saveAvailability({ intervals });
      setIntervals(result.intervals);
      setMessage({ tone: 'success', text: t('schedule.availability.saved') });
    } catch (failure) {
      const apiError = asApiError(failure);
      setErrors(Object.fromEntries(apiError.fieldErrors.map((e) => [e.path.replace(/^body\.intervals\.(\d+).*$/, '$1'), e.message])));
      setMessage({ tone: 'error', text: t(`error.${apiError.code}`) });
    }
  }

  return (
    <Modal title={t('schedule.availability.title')} wide onClose={onClose}>
      {saved.error && <LoadError error={saved.error} onRetry={saved.reload} />}
      {saved.data && <p className="muted">{t('schedule.availability.lead', { zone: saved.data.timeZone })}</p>}
      {message && (
        <div data-testid="availability-message" data-tone={message.tone}>
          <Alert tone={message.tone}>{message.text}</Alert>
        </div>
      )}
      <div className="item-list">
        {intervals.map((interval, index) => (
          <div key={index} className="pair-row" data-testid="availability-row">
            <label>
              <span className="visually-hidden">{t('schedule.availability.day')}</span>
              <select value={interval.weekday} onChange={(event) => change(index, { weekday: Number(event.target.value) })}>
                {WEEKDAYS.map((weekday) => (
                  <option key={weekday} value={weekday}>
                    {weekdayName(weekday)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span className="visually-hidden">{t('schedule.availability.from')}</span>
              <input type="time" value={interval.start} onChange={(event) => change(index, { start: event.target.value })} required />
            </label>
            <label>
              <span className="visually-hidden">{t('schedule.availability.to')}</span>
              <input type="time" value={interval.end === '24:00' ? '23:59' : interval.end} onChange={(event) => change(index, { end: event.target.value === '23:59' ? '24:00' : event.target.value })} required />
            </label>
            <button type="button" className="btn btn-link" onClick={() => setIntervals((list) => list.filter((_, i) => i !== index))}>
              {t('common.remove')}
            </button>
            {errors[String(index)] && <span className="field-error">{errors[String(index)]}</span>}
          </div>
        ))}
      </div>
      <div className="form-actions">
        <button type="button" className="btn btn-secondary" data-testid="availability-add" onClick={() => setIntervals((list) => [...list, { weekday: 1, start: '10:00', end: '18:00' }])}>
          {t('schedule.availability.add')}
        </button>
        <button type="button" className="btn btn-primary" data-testid="availability-save" onClick={() => void save()}>
          {t('common.save')}
        </button>
      </div>
    </Modal>
  );
}
