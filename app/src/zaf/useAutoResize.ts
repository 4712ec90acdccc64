// Keeps the sidebar iframe as tall as its content: Zendesk does not size app iframes by itself.
import { useEffect, type RefObject } from 'react';
import { useClient } from './useClient.js';

export function useAutoResize(ref: RefObject<HTMLElement | null>): void {
  const client = useClient();
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    let last = -1;
    const report = () => {
      const height = Math.ceil(element.getBoundingClientRect().height);
      if (height === last) return;
      last = height;
      void client.invoke('resize', { width: '100%', height: `${height}px` }).catch(() => undefined);
    };
    report();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(report);
    observer.observe(element);
    return () => observer.disconnect();
  }, [client, ref]);
}
