/**
 * Amazon Cognito: who people are. Roles travel as `cognito:groups` in the token (one group per role,
 * plus `body:<id>` groups the API creates when an admin binds an official to a body — see
 * functions/auth/claims.ts). The API verifies tokens itself with jose (issuer + app client id).
 */
import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, type IDependable } from 'constructs';
import { ROLES, type Role } from '../../shared/users';

export interface IdentityProps {
  retain: boolean;
  /** `https://hub.example.kz` when the site has a known origin: enables the OAuth code flow (PKCE). */
  siteOrigin?: string | undefined;
  /** Prefix of the optional Cognito hosted sign-in domain (`<prefix>.auth.<region>.amazoncognito.com`). */
  hostedDomainPrefix?: string | undefined;
  /**
   * Cognito's own mail (verification codes, password resets) through the hub's SES identity instead
   * of Cognito's default sender, which allows 50 messages a day for the whole pool.
   */
  mail?: { from: string; domain: string; configurationSetName: string; identity: IDependable } | undefined;
}

const ROLE_DESCRIPTIONS: Record<Role, string> = {
  citizen: 'Every signed-in person: comments, questions, follows',
  club_member: 'Member of the open-budget club: builds session agendas',
  club_secretary: 'Club secretary: publishes agendas, records decisions',
  official: 'Official of a government body (bodies as body:<id> groups): answers questions',
  moderator: 'Handles flagged content',
  admin: 'Manages bodies, users and data imports',
};

/** Lower precedence wins when Cognito picks a role for IAM; listed from most to least powerful. */
const PRECEDENCE: Record<Role, number> = {
  admin: 0,
  moderator: 10,
  official: 20,
  club_secretary: 30,
  club_member: 40,
  citizen: 50,
};

/**
 * What the hub's functions may do in the pool, all told: map admin grants onto groups
 * (functions/auth/groups.ts), create a `body:<id>` group the first time an official is bound to a new
 * body, read whether a staff member has TOTP set up (AdminGetUser, functions/auth/mfa.ts), and delete
 * the user who erases their account (AdminDeleteUser, functions/services/data-rights.ts). Nothing
 * else; each function gets only its share (USER_POOL_ACTIONS_OF).
 */
export const USER_POOL_ADMIN_ACTIONS = [
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminDeleteUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:CreateGroup',
] as const;

export type UserPoolAdminAction = (typeof USER_POOL_ADMIN_ACTIONS)[number];

/** Every function that verifies staff tokens asks the pool whether TOTP is set up (functions/auth/mfa.ts). */
const CHECK_MFA = 'cognito-idp:AdminGetUser';

/**
 * Each function's share of the pool's actions: the account deletes the user who erases their
 * account, the back office writes admin grants to groups, the others only verify tokens.
 */
export const USER_POOL_ACTIONS_OF = {
  api: [CHECK_MFA],
  club: [CHECK_MFA],
  account: [CHECK_MFA, 'cognito-idp:AdminDeleteUser'],
  monitoring: [CHECK_MFA],
  backOffice: [
    'cognito-idp:AdminAddUserToGroup',
    CHECK_MFA,
    'cognito-idp:AdminRemoveUserFromGroup',
    'cognito-idp:CreateGroup',
  ],
} as const satisfies Record<string, readonly UserPoolAdminAction[]>;

/**
 * The user pool's own API (`https://cognito-idp.<region>.amazonaws.com`), which the TOTP set-up
 * page calls from the browser with the staff member's access token (web/src/auth/cognitoTotp.ts):
 * the site's CSP lets the page connect to it and to nothing else of AWS.
 */
export const identityOriginOf = (region: string): string => `https://cognito-idp.${region}.amazonaws.com`;

/**
 * The scopes the managed login grants. `aws.cognito.signin.user.admin` lets the access token call
 * the user's own-account operations (AssociateSoftwareToken, VerifySoftwareToken,
 * SetUserMFAPreference): without it a staff member could never set up TOTP in the cloud, and the
 * API refuses staff without it (functions/auth/mfa.ts). Must match shared/signin.ts OAUTH_SCOPE.
 */
export const WEB_CLIENT_SCOPES = [
  cognito.OAuthScope.OPENID,
  cognito.OAuthScope.EMAIL,
  cognito.OAuthScope.PROFILE,
  cognito.OAuthScope.COGNITO_ADMIN,
];

export class Identity extends Construct {
  readonly userPool: cognito.UserPool;
  readonly webClient: cognito.UserPoolClient;
  /** The `iss` of the pool's tokens: `https://cognito-idp.<region>.amazonaws.com/<pool id>`. */
  readonly issuer: string;
  /**
   * Managed login with the code flow (functions/auth/oauth.ts): the hosted domain's base URL and the
   * callback. Only when both the site origin and a hosted domain are known; otherwise undefined.
   */
  readonly codeFlow: { hostedUiUrl: string; redirectUri: string } | undefined;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'Users', {
      // Citizens register themselves; every other role is granted by an admin.
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { fullname: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // MFA is per pool in Cognito: OPTIONAL, so citizens are never asked, and TOTP only. The API
      // refuses staff who have not set it up (functions/auth/mfa.ts asks the pool per user).
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      ...(props.mail
        ? {
            email: cognito.UserPoolEmail.withSES({
              fromEmail: props.mail.from,
              fromName: 'Open Budget Map',
              sesVerifiedDomain: props.mail.domain,
              // The identity is in this stack, so in its region (a token when synthesized region-agnostic).
              sesRegion: Stack.of(this).region,
              configurationSetName: props.mail.configurationSetName,
            }),
          }
        : {}),
      deletionProtection: props.retain,
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    // The pool can only name the SES identity as its sender once the identity exists.
    if (props.mail) this.userPool.node.addDependency(props.mail.identity);

    for (const role of ROLES) {
      this.userPool.addGroup(`Group-${role}`, {
        groupName: role,
        description: ROLE_DESCRIPTIONS[role],
        precedence: PRECEDENCE[role],
      });
    }

    // The OAuth code flow needs callback URLs; the CloudFront domain cannot be one here without a
    // cycle (distribution → API → function env → client → distribution), so the flow is enabled
    // only when the site's origin is known up front (`-c domainName=…`). SRP sign-in always works.
    // The site root is the callback: the web app finishes the sign-in there (web/src/auth/callback.ts).
    const callbackUrl = props.siteOrigin ? `${props.siteOrigin}/` : undefined;
    this.webClient = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      // The own-account scope above also allows UpdateUserAttributes: only the name and the e-mail
      // (needed by sign-up) may be written. Roles and bodies are groups, which no user token can change.
      readAttributes: new cognito.ClientAttributes().withStandardAttributes({
        email: true,
        emailVerified: true,
        fullname: true,
      }),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      // Rotation (functions/auth/refresh.ts): each refresh returns a new refresh token and the old one
      // stops working after this grace, which only covers a retried request whose answer was lost.
      refreshTokenRotationGracePeriod: Duration.seconds(10),
      ...(callbackUrl
        ? {
            oAuth: {
              flows: { authorizationCodeGrant: true },
              scopes: WEB_CLIENT_SCOPES,
              callbackUrls: [callbackUrl],
              logoutUrls: [callbackUrl],
            },
          }
        : { disableOAuth: true }),
    });

    let hostedUiUrl: string | undefined;
    if (props.hostedDomainPrefix) {
      const domain = this.userPool.addDomain('HostedDomain', {
        cognitoDomain: { domainPrefix: props.hostedDomainPrefix },
      });
      hostedUiUrl = domain.baseUrl();
      new CfnOutput(this, 'HostedSignInUrl', { value: hostedUiUrl });
    }
    this.codeFlow = callbackUrl && hostedUiUrl ? { hostedUiUrl, redirectUri: callbackUrl } : undefined;

    this.issuer = this.userPool.userPoolProviderUrl;
    new CfnOutput(this, 'Issuer', { value: this.issuer, description: 'AUTH_ISSUER: the token issuer' });
    new CfnOutput(this, 'ClientId', {
      value: this.webClient.userPoolClientId,
      description: 'AUTH_AUDIENCE: the web app client id',
    });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
  }

  /** Lets `grantee` call `actions` (a share of USER_POOL_ADMIN_ACTIONS) on this pool, nothing else. */
  grantUserPool(grantee: iam.IGrantable, actions: readonly UserPoolAdminAction[]): void {
    iam.Grant.addToPrincipal({
      grantee,
      actions: [...actions],
      resourceArns: [this.userPool.userPoolArn],
    });
  }
}
