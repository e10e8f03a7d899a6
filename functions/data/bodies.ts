/**
 * Government bodies (regional departments, akimats) that items and questions are addressed to.
 *   body            pk BODY#<id>   sk BODY
 *   all bodies      byKind gsi7pk KIND#BODY  gsi7sk <id>
 */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AreaCode } from '../../shared/areas';
import type { Localized } from '../../shared/i18n-text';
import type { Store } from './client';

export interface Body {
  id: string;
  name: Localized;
  area?: AreaCode;
  parentId?: string;
}

export const bodyKeys = {
  pk: (id: string) => `BODY#${id}`,
  sk: 'BODY',
  kind: 'KIND#BODY',
};

export async function putBody(store: Store, body: Body): Promise<void> {
  await store.doc.send(
    new PutCommand({
      TableName: store.table,
      Item: {
        ...body,
        pk: bodyKeys.pk(body.id),
        sk: bodyKeys.sk,
        entity: 'body',
        gsi7pk: bodyKeys.kind,
        gsi7sk: body.id,
      },
    }),
  );
}

export async function getBody(store: Store, id: string): Promise<Body | null> {
  const res = await store.doc.send(
    new GetCommand({ TableName: store.table, Key: { pk: bodyKeys.pk(id), sk: bodyKeys.sk } }),
  );
  return res.Item ? toBody(res.Item) : null;
}

export async function listBodies(store: Store): Promise<Body[]> {
  const out: Body[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await store.doc.send(
      new QueryCommand({
        TableName: store.table,
        IndexName: 'byKind',
        KeyConditionExpression: 'gsi7pk = :k',
        ExpressionAttributeValues: { ':k': bodyKeys.kind },
        ExclusiveStartKey: start,
      }),
    );
    for (const i of res.Items ?? []) out.push(toBody(i));
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
}

function toBody(record: Record<string, unknown>): Body {
  const { id, name, area, parentId } = record as unknown as Body;
  return { id, name, ...(area ? { area } : {}), ...(parentId ? { parentId } : {}) };
}
