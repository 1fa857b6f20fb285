// Pure assembly of the plan as the API shows it: targets, sections with tasks, units per task, tasks per unit.
import type { PlanOverview, TaskDetail } from './plan.contract.ts';
import type { TaskRef, UnitDetail, UnitRef, Unit } from '../units/units.contract.ts';
import { collectiveCovers, type Collective } from '../units/units.ts';

export interface UnitRowLike {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  kind: string;
  subkind: string | null;
  parentId: string | null;
  collective: unknown;
}
export interface TaskRowLike {
  id: string;
  number: number;
  section: number;
  title: string;
  titleEn: string;
  text: string;
  responsibleLabel: string;
  unitsQuote: string;
}
export interface AssignmentLike {
  taskId: string;
  unitId: string;
  role: string;
  position: number;
}
export interface SectionRowLike {
  number: number;
  numeral: string;
  title: string;
  titleEn: string;
}

const ref = (u: UnitRowLike): UnitRef => ({
  id: u.id,
  code: u.code,
  name: u.name,
  nameEn: u.nameEn,
  kind: u.kind as UnitRef['kind'],
});
const taskRef = (t: TaskRowLike): TaskRef => ({
  number: t.number,
  title: t.title,
  titleEn: t.titleEn,
  section: t.section,
});

export class PlanIndex {
  private readonly unitById: Map<string, UnitRowLike>;
  private readonly byTask = new Map<string, { lead: UnitRowLike[]; responsible: UnitRowLike[] }>();

  constructor(
    readonly units: UnitRowLike[],
    readonly tasks: TaskRowLike[],
    assignments: AssignmentLike[],
  ) {
    this.unitById = new Map(units.map((u) => [u.id, u]));
    for (const t of tasks) this.byTask.set(t.id, { lead: [], responsible: [] });
    const sorted = [...assignments].sort((a, b) => a.position - b.position);
    for (const a of sorted) {
      const slot = this.byTask.get(a.taskId);
      const unit = this.unitById.get(a.unitId);
      if (!slot || !unit) continue;
      // A unit's part in a task (lead or responsible; anything else counts as responsible), not an account's role.
      (Object.hasOwn(slot, a.role) ? slot[a.role as keyof typeof slot] : slot.responsible).push(unit);
    }
  }

  unit(id: string): UnitRowLike | undefined {
    return this.unitById.get(id);
  }

  leadUnits(taskId: string): UnitRef[] {
    return (this.byTask.get(taskId)?.lead ?? []).map(ref);
  }

  responsibleUnits(taskId: string): UnitRef[] {
    return (this.byTask.get(taskId)?.responsible ?? []).map(ref);
  }

  /** Tasks a unit leads, and tasks it shares — named directly, or through a collective that covers it. */
  tasksOf(unitId: string): { leads: TaskRef[]; shares: (TaskRef & { via: UnitRef | null })[] } {
    const unit = this.unitById.get(unitId);
    const leads: TaskRef[] = [];
    const shares: (TaskRef & { via: UnitRef | null })[] = [];
    if (!unit) return { leads, shares };
    for (const task of this.tasks) {
      const slot = this.byTask.get(task.id)!;
      if (slot.lead.some((u) => u.id === unitId)) {
        leads.push(taskRef(task));
        continue;
      }
      if (slot.responsible.some((u) => u.id === unitId)) {
        shares.push({ ...taskRef(task), via: null });
        continue;
      }
      const via = slot.responsible.find(
        (u) => u.kind === 'collective' && u.collective && collectiveCovers(u.collective as Collective, unit),
      );
      if (via) shares.push({ ...taskRef(task), via: ref(via) });
    }
    return { leads, shares };
  }

  membersOf(unitId: string): { members: UnitRef[]; relevantOnly: boolean } {
    const unit = this.unitById.get(unitId);
    if (!unit || unit.kind !== 'collective' || !unit.collective) return { members: [], relevantOnly: false };
    const c = unit.collective as Collective;
    return {
      members: this.units.filter((u) => collectiveCovers(c, u)).map(ref),
      relevantOnly: c.scope === 'relevant',
    };
  }

  toUnit(u: UnitRowLike): Unit {
    const { leads, shares } = this.tasksOf(u.id);
    const parent = u.parentId ? this.unitById.get(u.parentId) : undefined;
    return {
      ...ref(u),
      subkind: (u.subkind as Unit['subkind']) ?? null,
      parent: parent ? ref(parent) : null,
      leadCount: leads.length,
      shareCount: shares.length,
    };
  }

  unitDetail(unitId: string): UnitDetail | undefined {
    const u = this.unitById.get(unitId);
    if (!u) return undefined;
    const { leads, shares } = this.tasksOf(unitId);
    const { members, relevantOnly } = this.membersOf(unitId);
    return {
      unit: this.toUnit(u),
      leads,
      shares,
      members,
      relevantOnly,
      children: this.units.filter((c) => c.parentId === unitId).map(ref),
    };
  }

  sections(sections: SectionRowLike[]): PlanOverview['sections'] {
    return sections.map((s) => ({
      ...s,
      tasks: this.tasks
        .filter((t) => t.section === s.number)
        .map((t) => ({
          ...taskRef(t),
          leadUnits: this.leadUnits(t.id),
          responsibleUnits: this.responsibleUnits(t.id),
        })),
    }));
  }

  taskDetail(number: number, sections: SectionRowLike[]): TaskDetail | undefined {
    const i = this.tasks.findIndex((t) => t.number === number);
    const t = this.tasks[i];
    if (!t) return undefined;
    const section = sections.find((s) => s.number === t.section);
    return {
      number: t.number,
      section: section ?? { number: t.section, numeral: String(t.section), title: '', titleEn: '' },
      title: t.title,
      titleEn: t.titleEn,
      text: t.text,
      responsibleLabel: t.responsibleLabel,
      unitsQuote: t.unitsQuote,
      leadUnits: this.leadUnits(t.id),
      responsibleUnits: this.responsibleUnits(t.id),
      previous: this.tasks[i - 1]?.number ?? null,
      next: this.tasks[i + 1]?.number ?? null,
    };
  }
}
