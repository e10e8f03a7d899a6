/**
 * Where role grants live in the cloud: Cognito user-pool groups (`official`, `body:zha-roads`, …),
 * which the pool then puts into every token as `cognito:groups`. Locally there is no directory:
 * the user store is the truth and the local issuer reads it.
 */
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { NotFoundError } from '../api/problems';
import { BODY_GROUP_PREFIX } from './claims';

// The Cognito client loads on an admin's first grant, not on every cold start of the API.
const cognito = () => import('@aws-sdk/client-cognito-identity-provider');

export interface GroupDirectory {
  addToGroup(username: string, group: string): Promise<void>;
  removeFromGroup(username: string, group: string): Promise<void>;
  /**
   * Erasure (functions/services/data-rights.ts): removes the user from the pool (AdminDeleteUser).
   * A user the pool no longer has counts as removed, so a retried erasure gets through.
   */
  deleteUser(username: string): Promise<void>;
}

/**
 * The user pool behind a Cognito issuer URL
 * (`https://cognito-idp.<region>.amazonaws.com/<region>_<id>`), or null for any other issuer.
 */
export function userPoolOf(issuer: string): { region: string; userPoolId: string } | null {
  const m = /^https:\/\/cognito-idp\.([a-z0-9-]+)\.amazonaws\.com\/([a-z0-9-]+_[A-Za-z0-9]+)$/.exec(issuer);
  return m?.[1] && m[2] ? { region: m[1], userPoolId: m[2] } : null;
}

/**
 * Cognito's admin group calls. Users are addressed by username; in a pool that signs in by email
 * the username is the `sub`, which is what the admin API is given.
 */
export function cognitoGroups(opts: {
  userPoolId: string;
  /** A client, or a promise of one (cognitoGroupsFor makes it on first use). */
  client: Pick<CognitoIdentityProviderClient, 'send'> | Promise<Pick<CognitoIdentityProviderClient, 'send'>>;
}): GroupDirectory {
  const call = async (send: () => Promise<unknown>) => {
    try {
      await send();
    } catch (err) {
      // Only admins reach this, after the policy check, so naming the missing user leaks nothing.
      if ((err as Error).name === 'UserNotFoundException') throw new NotFoundError('No such user.');
      if ((err as Error).name === 'ResourceNotFoundException') throw new NotFoundError('No such group.');
      throw err;
    }
  };
  const add = async (Username: string, GroupName: string) => {
    const { AdminAddUserToGroupCommand } = await cognito();
    return (await opts.client).send(
      new AdminAddUserToGroupCommand({ UserPoolId: opts.userPoolId, Username, GroupName }),
    );
  };
  return {
    // Role groups come with the pool (CDK); a body's group is made the first time someone is bound
    // to that body, since admins add bodies at run time.
    addToGroup: (Username, GroupName) =>
      call(async () => {
        try {
          await add(Username, GroupName);
        } catch (err) {
          if ((err as Error).name !== 'ResourceNotFoundException' || !GroupName.startsWith(BODY_GROUP_PREFIX))
            throw err;
          const { CreateGroupCommand } = await cognito();
          await (await opts.client).send(new CreateGroupCommand({ UserPoolId: opts.userPoolId, GroupName }));
          await add(Username, GroupName);
        }
      }),
    deleteUser: async (Username) => {
      const { AdminDeleteUserCommand } = await cognito();
      try {
        await (await opts.client).send(new AdminDeleteUserCommand({ UserPoolId: opts.userPoolId, Username }));
      } catch (err) {
        if ((err as Error).name !== 'UserNotFoundException') throw err;
      }
    },
    removeFromGroup: (Username, GroupName) =>
      call(async () => {
        const { AdminRemoveUserFromGroupCommand } = await cognito();
        await (await opts.client).send(
          new AdminRemoveUserFromGroupCommand({ UserPoolId: opts.userPoolId, Username, GroupName }),
        );
      }),
  };
}

export function cognitoGroupsFor(issuer: string): GroupDirectory | undefined {
  const pool = userPoolOf(issuer);
  if (!pool) return undefined;
  let client: Promise<CognitoIdentityProviderClient> | undefined;
  const lazyClient = {
    send: (async (command: never) => {
      client ??= cognito().then(
        (sdk) => new sdk.CognitoIdentityProviderClient({ region: pool.region, maxAttempts: 2 }),
      );
      return (await client).send(command);
    }) as CognitoIdentityProviderClient['send'],
  };
  return cognitoGroups({ userPoolId: pool.userPoolId, client: lazyClient });
}
