"""The dashboard, asked of each server in its own words: the same rows, the same shape of data."""

from __future__ import annotations

OURS = """query Dashboard {
  plan { code title issuedOn }
  tasks(first: 100) {
    totalCount
    nodes {
      number label title
      section { number label title }
      leadUnits { name kind members { name } }
      responsibleUnits { name kind members { name } }
      targets { metric comparator threshold unitOfMeasure baselineYear }
    }
  }
}"""

_UNITS = """nodes { unitByUnitId { name kind
        groupMembersByGroupId(condition: {taskId: null}, orderBy: ID_ASC) {
          nodes { unitByMemberId { name } } } } }"""

POSTGRAPHILE = f"""query Dashboard {{
  allWorkPlans(first: 1, orderBy: ISSUED_ON_DESC) {{ nodes {{ code title issuedOn }} }}
  allTasks(orderBy: NUMBER_ASC) {{
    totalCount
    nodes {{
      number label title
      sectionBySectionId {{ number label title }}
      leads: assignmentsByTaskId(condition: {{role: "LEAD"}}, orderBy: POSITION_ASC) {{ {_UNITS} }}
      responsible: assignmentsByTaskId(condition: {{role: "RESPONSIBLE"}},
                                       orderBy: POSITION_ASC) {{ {_UNITS} }}
      targetsByTaskId(orderBy: POSITION_ASC) {{
        nodes {{ metric comparator threshold unitOfMeasure baselineYear }}
      }}
    }}
  }}
}}"""

_UNITS_SQL = """coalesce((
  SELECT json_agg(json_build_object(
    'name', u.name, 'kind', u.kind,
    'members', coalesce((
      SELECT json_agg(json_build_object('name', m.name) ORDER BY gm.id)
      FROM group_member gm JOIN unit m ON m.id = gm.member_id
      WHERE gm.group_id = u.id AND gm.task_id IS NULL), '[]'::json)
  ) ORDER BY a.position)
  FROM assignment a JOIN unit u ON u.id = a.unit_id
  WHERE a.task_id = t.id AND a.role = '{role}'), '[]'::json)"""

RAW_SQL = f"""
SELECT json_build_object(
  'plan', (SELECT json_build_object('code', p.code, 'title', p.title, 'issuedOn', p.issued_on)
           FROM work_plan p ORDER BY p.issued_on DESC LIMIT 1),
  'tasks', json_build_object(
    'totalCount', (SELECT count(*) FROM task),
    'nodes', (SELECT json_agg(json_build_object(
      'number', t.number, 'label', t.label, 'title', t.title,
      'section', json_build_object('number', s.number, 'label', s.label, 'title', s.title),
      'leadUnits', {_UNITS_SQL.format(role="LEAD")},
      'responsibleUnits', {_UNITS_SQL.format(role="RESPONSIBLE")},
      'targets', coalesce((SELECT json_agg(json_build_object(
          'metric', g.metric, 'comparator', g.comparator, 'threshold', g.threshold,
          'unitOfMeasure', g.unit_of_measure, 'baselineYear', g.baseline_year)
          ORDER BY g.position) FROM target g WHERE g.task_id = t.id), '[]'::json)
    ) ORDER BY t.number)
    FROM task t JOIN section s ON s.id = t.section_id)))::text
"""

# PostGraphile 5 names a table's `id` column `rowId` (`id` is its global id), so the same
# ordering by that column is ROW_ID_ASC; everything else is asked in the same words.
POSTGRAPHILE5 = POSTGRAPHILE.replace("ID_ASC", "ROW_ID_ASC")
