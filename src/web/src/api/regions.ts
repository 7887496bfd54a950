import { useQuery } from '@tanstack/react-query';
import { get } from './client';
import type { Region } from './types';

export const PREFECTURE = '522700';

/** The counties of 黔南州 (GET /api/regions?parent=522700), cached for the session. */
export function useCounties() {
  return useQuery({ queryKey: ['regions', PREFECTURE], queryFn: () => get<{ items: Region[] }>('/api/regions', { parent: PREFECTURE }), staleTime: Infinity });
}

export function useRegionName(): (code: string | undefined | null) => string {
  const { data } = useCounties();
  return (code) => {
    if (!code) return '—';
    if (code === PREFECTURE) return '黔南州';
    return data?.items.find((r) => r.code === code)?.name ?? code;
  };
}
