"""The dashboard query and the accountability answers, through HTTP, on both backends."""

from __future__ import annotations

from tests.support.api import Api
from tests.support.files import PLAN_FILE
from tongnan.domain.parsing import parse_notice

DASHBOARD = """
query Dashboard {
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
}
"""


async def test_dashboard_returns_the_22_tasks_with_their_units(api: Api) -> None:
    data = await api.data(DASHBOARD)

    notice = parse_notice(PLAN_FILE.read_text(encoding="utf-8"))
    assert data["plan"]["code"] == notice.code
    assert data["tasks"]["totalCount"] == 22
    got = [
        (
            t["number"],
            t["label"],
            t["title"],
            [u["name"] for u in t["leadUnits"]],
            [u["name"] for u in t["responsibleUnits"]],
        )
        for t in data["tasks"]["nodes"]
    ]
    expected = [
        (t.number, t.label, t.title, list(t.lead_units), list(t.responsible_units))
        for t in notice.tasks
    ]
    assert got == expected
    task7 = data["tasks"]["nodes"][6]
    assert task7["section"] == {"number": 3, "label": "三", "title": "促进脱贫人口稳岗就业"}
    towns = task7["responsibleUnits"][0]
    assert towns["name"] == "各镇街" and len(towns["members"]) == 22
    assert task7["targets"][1] == {
        "metric": "全区脱贫群众就业总体规模",
        "comparator": "GE",
        "threshold": "24000",
        "unitOfMeasure": "人",
        "baselineYear": None,
    }


async def test_filters_expand_groups(api: Api) -> None:
    query = "query($f: TaskFilter) { tasks(filter: $f) { totalCount nodes { number } } }"
    by_town = await api.data(query, {"f": {"responsibleUnit": "双江镇"}})
    by_group = await api.data(query, {"f": {"responsibleUnit": "各镇街"}})
    assert by_town == by_group
    assert [n["number"] for n in by_town["tasks"]["nodes"]] == [
        1,
        2,
        3,
        5,
        6,
        7,
        8,
        9,
        15,
        16,
        17,
        18,
        19,
        20,
        21,
        22,
    ]
    led = await api.data(query, {"f": {"leadUnit": "区人力社保局"}})
    assert [n["number"] for n in led["tasks"]["nodes"]] == [7, 8, 9, 11]
    section = await api.data(query, {"f": {"section": 3, "text": "培训"}})
    assert [n["number"] for n in section["tasks"]["nodes"]] == [8]


async def test_pages_follow_cursors_and_refuse_bad_sizes(api: Api) -> None:
    query = """query($a: String) { tasks(first: 10, after: $a) {
        pageInfo { hasNextPage endCursor } nodes { number } } }"""
    seen: list[int] = []
    after = None
    while True:
        page = (await api.data(query, {"a": after}))["tasks"]
        seen += [n["number"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == list(range(1, 23))
    refused = (await api.post("{ tasks(first: 101) { totalCount } }")).json()
    assert "每页条数应在1到100之间" in refused["errors"][0]["message"]


async def test_accountability_answers_as_the_matrix_does(api: Api) -> None:
    query = """query($t: Int!, $u: String!) { accountability(taskNumber: $t, unitName: $u) {
        role hasDuty reviewers { name } paths { steps { kind name relation } } } }"""
    data = await api.data(query, {"t": 7, "u": "双江镇"}, token="viewer")
    chain = data["accountability"]
    assert chain["role"] == "RESPONSIBLE"
    assert [[s["name"] for s in p["steps"]][:3] for p in chain["paths"]] == [
        ["双江镇", "各镇街", lead] for lead in ("区人力社保局", "区发展改革委", "区农业农村委")
    ]
    assert all(p["steps"][-1]["kind"] == "OFFICE" for p in chain["paths"])
    assert [r["name"] for r in chain["reviewers"]] == [
        "区人力社保局",
        "区发展改革委",
        "区农业农村委",
    ]

    matrix = (
        await api.data(
            """{ responsibilityMatrix {
                columns { unit { name } leadCount }
                rows { task { number } cells { column text } }
                gaps { unscopedGroups { group { name } task { number } } } } }""",
            token="viewer",
        )
    )["responsibilityMatrix"]
    columns = [c["unit"]["name"] for c in matrix["columns"]]
    row7 = next(r for r in matrix["rows"] if r["task"]["number"] == 7)
    cells = {columns[c["column"]]: c["text"] for c in row7["cells"]}
    assert cells["区人力社保局"] == "L" and cells["双江镇"] == "R*"
    assert sorted(g["task"]["number"] for g in matrix["gaps"]["unscopedGroups"]) == [
        4,
        10,
        11,
        12,
        13,
    ]

    lead = await api.data(query, {"t": 7, "u": "区人力社保局"}, token="viewer")
    assert lead["accountability"]["role"] == "LEAD"
    assert [r["name"] for r in lead["accountability"]["reviewers"]] == [
        "中共重庆市潼南区委农村工作暨实施乡村振兴战略领导小组巩固拓展脱贫攻坚成果工作专班办公室"
    ]
    none = await api.data(query, {"t": 14, "u": "双江镇"}, token="viewer")
    assert none["accountability"]["hasDuty"] is False and none["accountability"]["paths"] == []


async def test_node_ids_round_trip(api: Api) -> None:
    task = (await api.data("{ task(number: 7) { id title } }"))["task"]
    node = await api.data(
        "query($id: ID!) { node(id: $id) { id ... on Task { title } } }", {"id": task["id"]}
    )
    assert node["node"] == task
    unit = (await api.data('{ unit(name: "双江镇") { id name groups { name } } }'))["unit"]
    assert unit["groups"] == [{"name": "各镇街"}]
    again = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Unit { name } } }", {"id": unit["id"]}
    )
    assert again["node"] == {"name": "双江镇"}
