// A target page's URL query, staff and public alike: the breakdown dimension and changing parameters in place.
import { useSearchParams } from 'react-router-dom';
import { dimensions } from './Breakdowns.tsx';
import type { Dimension } from './monitoring.api.ts';

export function useTargetParams() {
  const [params, setParams] = useSearchParams();
  const dimParam = params.get('dim');
  const dimension: Dimension = dimensions.includes(dimParam as Dimension)
    ? (dimParam as Dimension)
    : 'subdistrict';
  /** Sets (or, when undefined, removes) parameters, from the URL as it is when called (chart click handlers may
   * hold an older render's closure). */
  const set = (changes: Record<string, string | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );
  return { params, dimension, set };
}
