// Queries and mutations of 调度会 · 会商: the list, a meeting, scheduling, the agenda (generate, save), the minutes,
// publishing and the minutes document.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  agendaPreviewSchema,
  meetingDetailSchema,
  meetingListSchema,
  type MeetingInput,
} from '@contracts/modules/meetings/meetings.contract.ts';
import { api } from '../../app/api.ts';

export const meetingKeys = {
  all: ['meetings'] as const,
  list: ['meetings', 'list'] as const,
  detail: (id: string) => ['meetings', 'detail', id] as const,
  units: ['meetings', 'units'] as const,
};

const path = (id: string) => `/meetings/${encodeURIComponent(id)}`;

export const useMeetings = () =>
  useQuery({ queryKey: meetingKeys.list, queryFn: () => api.get('/meetings', meetingListSchema) });

export const useMeeting = (id: string) =>
  useQuery({ queryKey: meetingKeys.detail(id), queryFn: () => api.get(path(id), meetingDetailSchema) });

const unitListSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
});
export const useUnits = () =>
  useQuery({ queryKey: meetingKeys.units, queryFn: () => api.get('/units', unitListSchema) });

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: meetingKeys.all });
}

export function useSaveMeeting() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { id?: string; body: Partial<MeetingInput> }) =>
      v.id
        ? api.put(path(v.id), v.body, meetingDetailSchema)
        : api.post('/meetings', v.body, meetingDetailSchema),
    onSuccess: invalidate,
  });
}

export const generateAgenda = (id: string) =>
  api.post(`${path(id)}/agenda/generate`, {}, agendaPreviewSchema);

export interface AgendaEntryInput {
  id: string | null;
  sources: string[];
  itemId: string | null;
  text: string;
  reasons: string[];
  unitIds: string[];
  discussion: string;
}

export function useSaveAgenda(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (entries: AgendaEntryInput[]) =>
      api.put(`${path(id)}/agenda`, { entries }, meetingDetailSchema),
    onSuccess: invalidate,
  });
}

export interface MinutesBody {
  summary: string;
  discussions: Record<string, string>;
  decisions: { agendaEntryId: string | null; text: string; ownerUnitId: string; dueDate: string }[];
}

export function useSaveMinutes(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: MinutesBody) => api.put(`${path(id)}/minutes`, body, meetingDetailSchema),
    onSuccess: invalidate,
  });
}

export function usePublish(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => api.post(`${path(id)}/publish`, {}, meetingDetailSchema),
    onSuccess: invalidate,
  });
}

export const downloadMinutes = (id: string) =>
  api.download(`${path(id)}/minutes/document`, undefined, '会议纪要.docx');
