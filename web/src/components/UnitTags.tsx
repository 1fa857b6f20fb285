// Units as tags that link to each unit's page; collectives (各镇街) are drawn dashed so they read as groups.
import { Space, Tag } from 'antd';
import { Link } from 'react-router-dom';
import type { UnitRef } from '@contracts/modules/units/units.contract.ts';
import { useLanguage } from '../app/i18n.ts';

const colours: Record<UnitRef['kind'], string> = {
  department: 'blue',
  subdistrict: 'green',
  stateGroup: 'purple',
  office: 'gold',
  collective: 'default',
};

export function UnitTags({ units, empty = '—' }: { units: UnitRef[]; empty?: string }) {
  const { pick } = useLanguage();
  if (units.length === 0) return <span className="mtx-muted">{empty}</span>;
  return (
    <Space size={[0, 6]} wrap>
      {units.map((u) => (
        <Link key={u.id} to={`/units/${u.id}`}>
          <Tag
            color={colours[u.kind]}
            bordered
            className={u.kind === 'collective' ? 'mtx-tag-collective' : undefined}
          >
            {pick(u.name, u.nameEn)}
          </Tag>
        </Link>
      ))}
    </Space>
  );
}
