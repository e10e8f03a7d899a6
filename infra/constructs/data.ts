/**
 * The hub's one DynamoDB table, built from the shared definition in functions/data/table.ts — the
 * same object the local bootstrap and the tests use — so key names, indexes, the TTL attribute and
 * the stream view cannot drift between laptop and cloud.
 */
import { CfnOutput, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { type IndexDefinition, TABLE } from '../../functions/data/table';

export interface HubTableProps {
  /** prod keeps the table (RETAIN, deletion protection); dev can be torn down completely. */
  retain: boolean;
}

const string = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

export class HubTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: HubTableProps) {
    super(scope, id);
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: string(TABLE.partitionKey),
      sortKey: string(TABLE.sortKey),
      // On demand: pay per request, nothing while nobody uses the hub, no capacity planning.
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.retain,
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      timeToLiveAttribute: TABLE.ttlAttribute,
      // The map-feed builder listens here; the view type is part of the shared definition.
      stream: dynamodb.StreamViewType[TABLE.streamView],
    });
    for (const index of Object.values(TABLE.indexes) as IndexDefinition[]) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: string(index.partitionKey),
        sortKey: string(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'TABLE_NAME' });
  }
}
