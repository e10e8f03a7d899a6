/**
 * Where role grants live in the cloud: Cognito user-pool groups (`official`, `body:zha-roads`, …),
 * which the pool then puts into every token as `cognito:groups`. Locally there is no directory:
 * the user store is the truth and the local issuer reads it.
 */
import {
  AdminAddUserToGroupCommand,
  AdminRemoveUserFromGroupCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { NotFoundError } from '../api/problems';
import { BODY_GROUP_PREFIX } from './claims';

export interface GroupDirectory {
  addToGroup(username: string, group: string): Promise<void>;
  removeFromGroup(username: string, group: string): Promise<void>;
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
  client: CognitoIdentityProviderClient;
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
  const add = (Username: string, GroupName: string) =>
    opts.client.send(new AdminAddUserToGroupCommand({ UserPoolId: opts.userPoolId, Username, GroupName }));
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
          await opts.client.send(new CreateGroupCommand({ UserPoolId: opts.userPoolId, GroupName }));
          await add(Username, GroupName);
        }
      }),
    removeFromGroup: (Username, GroupName) =>
      call(() =>
        opts.client.send(
          new AdminRemoveUserFromGroupCommand({ UserPoolId: opts.userPoolId, Username, GroupName }),
        ),
      ),
  };
}

export function cognitoGroupsFor(issuer: string): GroupDirectory | undefined {
  const pool = userPoolOf(issuer);
  if (!pool) return undefined;
  return cognitoGroups({
    userPoolId: pool.userPoolId,
    client: new CognitoIdentityProviderClient({ region: pool.region, maxAttempts: 2 }),
  });
}
