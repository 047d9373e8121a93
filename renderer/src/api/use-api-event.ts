import { useEffect, useRef } from 'react';
import type { EventName, Events } from '../../../electron/shared/contract';
import { api } from './index';

/** Subscribes to a contract event for the component's lifetime; the latest listener is always used. */
export function useApiEvent<E extends EventName>(event: E, listener: (...args: Events[E]) => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => api.on(event, (...args: Events[E]) => latest.current(...args)), [event]);
}
