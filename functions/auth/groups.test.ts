import { Readable } from 'node:stream';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../api/problems';
import { cognitoGroups, userPoolOf } from './groups';

interface Sent {
  target: string;
  body: Record<string, string>;
  host: string;
}

/** A Cognito client whose requests are built and signed by the SDK but answered here, not by AWS. */
type Answer = { status: number; body: object; headers?: Record<string, string> };

function capturingClient(answer: Answer | Answer[]) {
  const answers = Array.isArray(answer) ? [...answer] : null;
  const sent: Sent[] = [];
  const client = new CognitoIdentityProviderClient({
    region: 'eu-central-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: { headers: Record<string, string>; body: string; hostname: string }) => {
        sent.push({
          target: request.headers['x-amz-target'] ?? '',
          body: JSON.parse(request.body),
          host: request.hostname,
        });
        const a = answers ? (answers.shift() as Answer) : (answer as Answer);
        return {
          response: {
            statusCode: a.status,
            headers: { 'content-type': 'application/x-amz-json-1.1', ...a.headers },
            body: Readable.from([Buffer.from(JSON.stringify(a.body))]),
          },
        };
      },
    } as never,
  });
  return { client, sent };
}

describe('Cognito group directory', () => {
  it('adds a user to a group with AdminAddUserToGroup on the pool', async () => {
    const { client, sent } = capturingClient({ status: 200, body: {} });
    await cognitoGroups({ userPoolId: 'eu-central-1_AbC', client }).addToGroup('sub-1', 'body:zha-roads');
    expect(sent).toEqual([
      {
        target: 'AWSCognitoIdentityProviderService.AdminAddUserToGroup',
        body: { UserPoolId: 'eu-central-1_AbC', Username: 'sub-1', GroupName: 'body:zha-roads' },
        host: 'cognito-idp.eu-central-1.amazonaws.com',
      },
    ]);
  });

  it('removes a user from a group with AdminRemoveUserFromGroup', async () => {
    const { client, sent } = capturingClient({ status: 200, body: {} });
    await cognitoGroups({ userPoolId: 'eu-central-1_AbC', client }).removeFromGroup('sub-1', 'moderator');
    expect(sent[0]?.target).toBe('AWSCognitoIdentityProviderService.AdminRemoveUserFromGroup');
    expect(sent[0]?.body).toEqual({
      UserPoolId: 'eu-central-1_AbC',
      Username: 'sub-1',
      GroupName: 'moderator',
    });
  });

  it('turns an unknown user into a 404 for the admin', async () => {
    const { client } = capturingClient({
      status: 400,
      body: { __type: 'UserNotFoundException', message: 'User does not exist.' },
      headers: { 'x-amzn-errortype': 'UserNotFoundException' },
    });
    await expect(
      cognitoGroups({ userPoolId: 'eu-central-1_AbC', client }).addToGroup('ghost', 'moderator'),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("creates a body's group the first time someone is bound to that body", async () => {
    const missing = {
      status: 400,
      body: { __type: 'ResourceNotFoundException', message: 'Group not found.' },
      headers: { 'x-amzn-errortype': 'ResourceNotFoundException' },
    };
    const ok = { status: 200, body: {} };
    const { client, sent } = capturingClient([missing, { status: 200, body: { Group: {} } }, ok]);
    await cognitoGroups({ userPoolId: 'eu-central-1_AbC', client }).addToGroup('sub-1', 'body:akimat-new');
    expect(sent.map((s) => s.target.split('.')[1])).toEqual([
      'AdminAddUserToGroup',
      'CreateGroup',
      'AdminAddUserToGroup',
    ]);
    expect(sent[1]?.body).toEqual({ UserPoolId: 'eu-central-1_AbC', GroupName: 'body:akimat-new' });
  });

  it('does not invent a missing role group', async () => {
    const { client, sent } = capturingClient({
      status: 400,
      body: { __type: 'ResourceNotFoundException', message: 'Group not found.' },
      headers: { 'x-amzn-errortype': 'ResourceNotFoundException' },
    });
    await expect(
      cognitoGroups({ userPoolId: 'eu-central-1_AbC', client }).addToGroup('sub-1', 'superadmin'),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(sent).toHaveLength(1);
  });

  it('finds the pool and region in a Cognito issuer URL, and nothing in another issuer', () => {
    expect(userPoolOf('https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_AbC123')).toEqual({
      region: 'eu-central-1',
      userPoolId: 'eu-central-1_AbC123',
    });
    expect(userPoolOf('http://127.0.0.1:8787/local-auth')).toBeNull();
  });
});
