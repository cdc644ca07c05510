/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query MyItems($unitName: String!) {\n  rectificationLedger(filter: {unitName: $unitName}) {\n    asOf\n    items(first: 100) {\n      totalCount\n      nodes {\n        id\n        number\n        measures\n        deadline\n        status\n        statusLabel\n        returned\n        latestProgress\n        latestProgressOn\n        verifiedAt\n        verifiedBy\n        verificationNote\n        voided\n        warningLevel\n        daysOverdue\n        version\n        sourceName\n        finding {\n          description\n        }\n        updates {\n          id\n          reportedOn\n          content\n          statusAfter\n          author\n        }\n      }\n    }\n  }\n}": typeof types.MyItemsDocument,
    "query MyTasks($unitName: String!) {\n  unit(name: $unitName) {\n    id\n    name\n    duties {\n      role\n      direct\n      via\n      task {\n        id\n        number\n        label\n        title\n        dueDate\n      }\n    }\n  }\n  warnings(unitName: $unitName) {\n    level\n    kind\n    dueDate\n    daysLate\n    reportStatus\n    task {\n      number\n    }\n    round {\n      id\n      name\n    }\n  }\n}": typeof types.MyTasksDocument,
    "mutation RecordProgress($input: RecordRectificationProgressInput!) {\n  recordRectificationProgress(input: $input) {\n    item {\n      id\n      status\n      statusLabel\n      version\n      latestProgress\n      latestProgressOn\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": typeof types.RecordProgressDocument,
    "subscription ReportChanged($unitName: String) {\n  progressReportChanged(unitName: $unitName) {\n    reportId\n    roundId\n    taskNumber\n    unitName\n    status\n    version\n  }\n}": typeof types.ReportChangedDocument,
    "mutation ReviewReport($input: ReviewProgressReportInput!) {\n  reviewProgressReport(input: $input) {\n    report {\n      id\n      status\n      version\n      reviewComment\n      reviewedAt\n      reviewedBy\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": typeof types.ReviewReportDocument,
    "query RoundWork($roundId: ID!) {\n  round(id: $roundId) {\n    id\n    name\n    status\n    dueDate\n    tasks {\n      task {\n        id\n        number\n        label\n        title\n        leadUnits {\n          name\n        }\n        targets {\n          id\n          metric\n          comparator\n          threshold\n          unitOfMeasure\n          text\n          scope\n        }\n      }\n      reports {\n        ...ReportFields\n      }\n    }\n  }\n}\n\nfragment ReportFields on ProgressReport {\n  id\n  kind\n  status\n  summary\n  completion\n  problems\n  nextSteps\n  late\n  submittedAt\n  reviewedAt\n  reviewedBy\n  reviewComment\n  version\n  unit {\n    name\n  }\n  task {\n    number\n  }\n  values {\n    typed\n    value\n    attainment\n    target {\n      id\n    }\n  }\n}": typeof types.RoundWorkDocument,
    "mutation SaveReport($input: ProgressReportInput!) {\n  saveProgressReport(input: $input) {\n    report {\n      id\n      kind\n      status\n      version\n      submittedAt\n      reviewComment\n      values {\n        typed\n        value\n        target {\n          id\n        }\n      }\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": typeof types.SaveReportDocument,
    "mutation SubmitReport($input: ProgressReportInput!) {\n  submitProgressReport(input: $input) {\n    report {\n      id\n      kind\n      status\n      version\n      submittedAt\n      reviewComment\n      values {\n        typed\n        value\n        target {\n          id\n        }\n      }\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": typeof types.SubmitReportDocument,
    "query UrgeNotices($unitName: String!) {\n  urgeNotices(unitName: $unitName, first: 50) {\n    totalCount\n    nodes {\n      id\n      sequence\n      issuedOn\n      issuedBy\n      items {\n        kind\n        text\n        dueDate\n        daysOverdue\n      }\n    }\n  }\n  documents(kind: URGE_NOTICE) {\n    id\n    code\n    title\n    issuedOn\n    url\n  }\n}": typeof types.UrgeNoticesDocument,
    "query Viewer {\n  viewer {\n    name\n    role\n    unitName\n    unit {\n      id\n      name\n    }\n    permissions\n  }\n  rounds {\n    id\n    name\n    status\n    dueDate\n  }\n}": typeof types.ViewerDocument,
    "subscription WarningRaised($unitName: String) {\n  warningRaised(unitName: $unitName) {\n    level\n    taskNumber\n    unitName\n    reason\n    raisedAt\n  }\n}": typeof types.WarningRaisedDocument,
};
const documents: Documents = {
    "query MyItems($unitName: String!) {\n  rectificationLedger(filter: {unitName: $unitName}) {\n    asOf\n    items(first: 100) {\n      totalCount\n      nodes {\n        id\n        number\n        measures\n        deadline\n        status\n        statusLabel\n        returned\n        latestProgress\n        latestProgressOn\n        verifiedAt\n        verifiedBy\n        verificationNote\n        voided\n        warningLevel\n        daysOverdue\n        version\n        sourceName\n        finding {\n          description\n        }\n        updates {\n          id\n          reportedOn\n          content\n          statusAfter\n          author\n        }\n      }\n    }\n  }\n}": types.MyItemsDocument,
    "query MyTasks($unitName: String!) {\n  unit(name: $unitName) {\n    id\n    name\n    duties {\n      role\n      direct\n      via\n      task {\n        id\n        number\n        label\n        title\n        dueDate\n      }\n    }\n  }\n  warnings(unitName: $unitName) {\n    level\n    kind\n    dueDate\n    daysLate\n    reportStatus\n    task {\n      number\n    }\n    round {\n      id\n      name\n    }\n  }\n}": types.MyTasksDocument,
    "mutation RecordProgress($input: RecordRectificationProgressInput!) {\n  recordRectificationProgress(input: $input) {\n    item {\n      id\n      status\n      statusLabel\n      version\n      latestProgress\n      latestProgressOn\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": types.RecordProgressDocument,
    "subscription ReportChanged($unitName: String) {\n  progressReportChanged(unitName: $unitName) {\n    reportId\n    roundId\n    taskNumber\n    unitName\n    status\n    version\n  }\n}": types.ReportChangedDocument,
    "mutation ReviewReport($input: ReviewProgressReportInput!) {\n  reviewProgressReport(input: $input) {\n    report {\n      id\n      status\n      version\n      reviewComment\n      reviewedAt\n      reviewedBy\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": types.ReviewReportDocument,
    "query RoundWork($roundId: ID!) {\n  round(id: $roundId) {\n    id\n    name\n    status\n    dueDate\n    tasks {\n      task {\n        id\n        number\n        label\n        title\n        leadUnits {\n          name\n        }\n        targets {\n          id\n          metric\n          comparator\n          threshold\n          unitOfMeasure\n          text\n          scope\n        }\n      }\n      reports {\n        ...ReportFields\n      }\n    }\n  }\n}\n\nfragment ReportFields on ProgressReport {\n  id\n  kind\n  status\n  summary\n  completion\n  problems\n  nextSteps\n  late\n  submittedAt\n  reviewedAt\n  reviewedBy\n  reviewComment\n  version\n  unit {\n    name\n  }\n  task {\n    number\n  }\n  values {\n    typed\n    value\n    attainment\n    target {\n      id\n    }\n  }\n}": types.RoundWorkDocument,
    "mutation SaveReport($input: ProgressReportInput!) {\n  saveProgressReport(input: $input) {\n    report {\n      id\n      kind\n      status\n      version\n      submittedAt\n      reviewComment\n      values {\n        typed\n        value\n        target {\n          id\n        }\n      }\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": types.SaveReportDocument,
    "mutation SubmitReport($input: ProgressReportInput!) {\n  submitProgressReport(input: $input) {\n    report {\n      id\n      kind\n      status\n      version\n      submittedAt\n      reviewComment\n      values {\n        typed\n        value\n        target {\n          id\n        }\n      }\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": types.SubmitReportDocument,
    "query UrgeNotices($unitName: String!) {\n  urgeNotices(unitName: $unitName, first: 50) {\n    totalCount\n    nodes {\n      id\n      sequence\n      issuedOn\n      issuedBy\n      items {\n        kind\n        text\n        dueDate\n        daysOverdue\n      }\n    }\n  }\n  documents(kind: URGE_NOTICE) {\n    id\n    code\n    title\n    issuedOn\n    url\n  }\n}": types.UrgeNoticesDocument,
    "query Viewer {\n  viewer {\n    name\n    role\n    unitName\n    unit {\n      id\n      name\n    }\n    permissions\n  }\n  rounds {\n    id\n    name\n    status\n    dueDate\n  }\n}": types.ViewerDocument,
    "subscription WarningRaised($unitName: String) {\n  warningRaised(unitName: $unitName) {\n    level\n    taskNumber\n    unitName\n    reason\n    raisedAt\n  }\n}": types.WarningRaisedDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MyItems($unitName: String!) {\n  rectificationLedger(filter: {unitName: $unitName}) {\n    asOf\n    items(first: 100) {\n      totalCount\n      nodes {\n        id\n        number\n        measures\n        deadline\n        status\n        statusLabel\n        returned\n        latestProgress\n        latestProgressOn\n        verifiedAt\n        verifiedBy\n        verificationNote\n        voided\n        warningLevel\n        daysOverdue\n        version\n        sourceName\n        finding {\n          description\n        }\n        updates {\n          id\n          reportedOn\n          content\n          statusAfter\n          author\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query MyItems($unitName: String!) {\n  rectificationLedger(filter: {unitName: $unitName}) {\n    asOf\n    items(first: 100) {\n      totalCount\n      nodes {\n        id\n        number\n        measures\n        deadline\n        status\n        statusLabel\n        returned\n        latestProgress\n        latestProgressOn\n        verifiedAt\n        verifiedBy\n        verificationNote\n        voided\n        warningLevel\n        daysOverdue\n        version\n        sourceName\n        finding {\n          description\n        }\n        updates {\n          id\n          reportedOn\n          content\n          statusAfter\n          author\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MyTasks($unitName: String!) {\n  unit(name: $unitName) {\n    id\n    name\n    duties {\n      role\n      direct\n      via\n      task {\n        id\n        number\n        label\n        title\n        dueDate\n      }\n    }\n  }\n  warnings(unitName: $unitName) {\n    level\n    kind\n    dueDate\n    daysLate\n    reportStatus\n    task {\n      number\n    }\n    round {\n      id\n      name\n    }\n  }\n}"): (typeof documents)["query MyTasks($unitName: String!) {\n  unit(name: $unitName) {\n    id\n    name\n    duties {\n      role\n      direct\n      via\n      task {\n        id\n        number\n        label\n        title\n        dueDate\n      }\n    }\n  }\n  warnings(unitName: $unitName) {\n    level\n    kind\n    dueDate\n    daysLate\n    reportStatus\n    task {\n      number\n    }\n    round {\n      id\n      name\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RecordProgress($input: RecordRectificationProgressInput!) {\n  recordRectificationProgress(input: $input) {\n    item {\n      id\n      status\n      statusLabel\n      version\n      latestProgress\n      latestProgressOn\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"): (typeof documents)["mutation RecordProgress($input: RecordRectificationProgressInput!) {\n  recordRectificationProgress(input: $input) {\n    item {\n      id\n      status\n      statusLabel\n      version\n      latestProgress\n      latestProgressOn\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription ReportChanged($unitName: String) {\n  progressReportChanged(unitName: $unitName) {\n    reportId\n    roundId\n    taskNumber\n    unitName\n    status\n    version\n  }\n}"): (typeof documents)["subscription ReportChanged($unitName: String) {\n  progressReportChanged(unitName: $unitName) {\n    reportId\n    roundId\n    taskNumber\n    unitName\n    status\n    version\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReviewReport($input: ReviewProgressReportInput!) {\n  reviewProgressReport(input: $input) {\n    report {\n      id\n      status\n      version\n      reviewComment\n      reviewedAt\n      reviewedBy\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"): (typeof documents)["mutation ReviewReport($input: ReviewProgressReportInput!) {\n  reviewProgressReport(input: $input) {\n    report {\n      id\n      status\n      version\n      reviewComment\n      reviewedAt\n      reviewedBy\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RoundWork($roundId: ID!) {\n  round(id: $roundId) {\n    id\n    name\n    status\n    dueDate\n    tasks {\n      task {\n        id\n        number\n        label\n        title\n        leadUnits {\n          name\n        }\n        targets {\n          id\n          metric\n          comparator\n          threshold\n          unitOfMeasure\n          text\n          scope\n        }\n      }\n      reports {\n        ...ReportFields\n      }\n    }\n  }\n}\n\nfragment ReportFields on ProgressReport {\n  id\n  kind\n  status\n  summary\n  completion\n  problems\n  nextSteps\n  late\n  submittedAt\n  reviewedAt\n  reviewedBy\n  reviewComment\n  version\n  unit {\n    name\n  }\n  task {\n    number\n  }\n  values {\n    typed\n    value\n    attainment\n    target {\n      id\n    }\n  }\n}"): (typeof documents)["query RoundWork($roundId: ID!) {\n  round(id: $roundId) {\n    id\n    name\n    status\n    dueDate\n    tasks {\n      task {\n        id\n        number\n        label\n        title\n        leadUnits {\n          name\n        }\n        targets {\n          id\n          metric\n          comparator\n          threshold\n          unitOfMeasure\n          text\n          scope\n        }\n      }\n      reports {\n        ...ReportFields\n      }\n    }\n  }\n}\n\nfragment ReportFields on ProgressReport {\n  id\n  kind\n  status\n  summary\n  completion\n  problems\n  nextSteps\n  late\n  submittedAt\n  reviewedAt\n  reviewedBy\n  reviewComment\n  version\n  unit {\n    name\n  }\n  task {\n    number\n  }\n  values {\n    typed\n    value\n    attainment\n    target {\n      id\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SaveReport($input: ProgressReportInput!) {\n  saveProgressReport(input: $input) {\n    report {\n      id\n      kind\n      status\n      version\n      submittedAt\n      reviewComment\n      values {\n        typed\n        value\n        target {\n          id\n        }\n      }\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"): (typeof documents)["mutation SaveReport($input: ProgressReportInput!) {\n  saveProgressReport(input: $input) {\n    report {\n      id\n      kind\n      status\n      version\n      submittedAt\n      reviewComment\n      values {\n        typed\n        value\n        target {\n          id\n        }\n      }\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SubmitReport($input: ProgressReportInput!) {\n  submitProgressReport(input: $input) {\n    report {\n      id\n      kind\n      status\n      version\n      submittedAt\n      reviewComment\n      values {\n        typed\n        value\n        target {\n          id\n        }\n      }\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"): (typeof documents)["mutation SubmitReport($input: ProgressReportInput!) {\n  submitProgressReport(input: $input) {\n    report {\n      id\n      kind\n      status\n      version\n      submittedAt\n      reviewComment\n      values {\n        typed\n        value\n        target {\n          id\n        }\n      }\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UrgeNotices($unitName: String!) {\n  urgeNotices(unitName: $unitName, first: 50) {\n    totalCount\n    nodes {\n      id\n      sequence\n      issuedOn\n      issuedBy\n      items {\n        kind\n        text\n        dueDate\n        daysOverdue\n      }\n    }\n  }\n  documents(kind: URGE_NOTICE) {\n    id\n    code\n    title\n    issuedOn\n    url\n  }\n}"): (typeof documents)["query UrgeNotices($unitName: String!) {\n  urgeNotices(unitName: $unitName, first: 50) {\n    totalCount\n    nodes {\n      id\n      sequence\n      issuedOn\n      issuedBy\n      items {\n        kind\n        text\n        dueDate\n        daysOverdue\n      }\n    }\n  }\n  documents(kind: URGE_NOTICE) {\n    id\n    code\n    title\n    issuedOn\n    url\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Viewer {\n  viewer {\n    name\n    role\n    unitName\n    unit {\n      id\n      name\n    }\n    permissions\n  }\n  rounds {\n    id\n    name\n    status\n    dueDate\n  }\n}"): (typeof documents)["query Viewer {\n  viewer {\n    name\n    role\n    unitName\n    unit {\n      id\n      name\n    }\n    permissions\n  }\n  rounds {\n    id\n    name\n    status\n    dueDate\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription WarningRaised($unitName: String) {\n  warningRaised(unitName: $unitName) {\n    level\n    taskNumber\n    unitName\n    reason\n    raisedAt\n  }\n}"): (typeof documents)["subscription WarningRaised($unitName: String) {\n  warningRaised(unitName: $unitName) {\n    level\n    taskNumber\n    unitName\n    reason\n    raisedAt\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;