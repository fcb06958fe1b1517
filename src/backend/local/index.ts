// The local backend: Cognito's behaviour emulated over one JSON state file. Each call validates
// the request as the service would, then runs the operation inside one state-file transaction.
import { ConfigError, ServiceError } from '../../errors.ts';
import { type OperationName, operations, type Request, type Response } from '../../model/index.ts';
import { validateServiceSide, validateTypes } from '../../params/validate.ts';
import type { Backend, Wire } from '../backend.ts';
import { Ctx, defaultEnv, type Env } from './context.ts';
import { resolveRequest } from './ops/aliases.ts';
import {
  adminDeleteUserAttributes,
  adminUpdateUserAttributes,
  getUserAttributeVerificationCode,
  updateUserAttributes,
  verifyUserAttribute,
} from './ops/attributes.ts';
import {
  createUserPoolClient,
  deleteUserPoolClient,
  describeUserPoolClient,
  listUserPoolClients,
  updateUserPoolClient,
} from './ops/clients.ts';
import { type ListedMessage, listMessages } from './ops/codes.ts';
import {
  adminForgetDevice,
  adminGetDevice,
  adminListDevices,
  adminUpdateDeviceStatus,
  confirmDevice,
  forgetDevice,
  getDevice,
  listDevices,
  updateDeviceStatus,
} from './ops/devices.ts';
import {
  adminAddUserToGroup,
  adminListGroupsForUser,
  adminRemoveUserFromGroup,
  createGroup,
  deleteGroup,
  getGroup,
  listGroups,
  listUsersInGroup,
  updateGroup,
} from './ops/groups.ts';
import { adminSetUserMFAPreference, setUserMFAPreference } from './ops/mfa-preference.ts';
import {
  adminResetUserPassword,
  changePassword,
  confirmForgotPassword,
  forgotPassword,
} from './ops/passwords.ts';
import { getTokensFromRefreshToken } from './ops/refresh.ts';
import {
  adminInitiateAuth,
  adminRespondToAuthChallenge,
  initiateAuth,
  respondToAuthChallenge,
} from './ops/sign-in.ts';
import { globalSignOut, revokeToken } from './ops/sign-out.ts';
import { adminConfirmSignUp, confirmSignUp, resendConfirmationCode, signUp } from './ops/sign-up.ts';
import { associateSoftwareToken, verifySoftwareToken } from './ops/software-token.ts';
import {
  createUserPool,
  deleteUserPool,
  describeUserPool,
  getUserPoolMfaConfig,
  listUserPools,
  setUserPoolMfaConfig,
  updateUserPool,
} from './ops/user-pools.ts';
import {
  adminDisableUser,
  adminEnableUser,
  adminUserGlobalSignOut,
  deleteUser,
  getUserAuthFactors,
} from './ops/user-states.ts';
import {
  adminCreateUser,
  adminDeleteUser,
  adminGetUser,
  adminSetUserPassword,
  getUser,
  listUsers,
} from './ops/users.ts';
import { applySeed, checkSeed, type Invoke, type SeedResult } from './seed.ts';
import { StateDamage } from './state/checks.ts';
import { isPersisting, StateFile, type StateFileOptions } from './state/file.ts';
import { checkpoint, commit, rollback } from './state/records.ts';

type Handler<N extends OperationName> = (ctx: Ctx, req: Request<N>) => Response<N>;
type Entry<N extends OperationName> = { run: Handler<N>; readOnly?: true };

/** Every operation of the model has local behaviour: the type makes a missing one a compile error. */
const handlers: { [N in OperationName]: Entry<N> } = {
  AssociateSoftwareToken: { run: associateSoftwareToken },
  VerifySoftwareToken: { run: verifySoftwareToken },
  CreateUserPool: { run: createUserPool },
  DescribeUserPool: { run: describeUserPool, readOnly: true },
  ListUserPools: { run: listUserPools, readOnly: true },
  DeleteUserPool: { run: deleteUserPool },
  SetUserPoolMfaConfig: { run: setUserPoolMfaConfig },
  GetUserPoolMfaConfig: { run: getUserPoolMfaConfig, readOnly: true },
  CreateUserPoolClient: { run: createUserPoolClient },
  DescribeUserPoolClient: { run: describeUserPoolClient, readOnly: true },
  AdminCreateUser: { run: adminCreateUser },
  AdminSetUserPassword: { run: adminSetUserPassword },
  AdminGetUser: { run: adminGetUser, readOnly: true },
  AdminDeleteUser: { run: adminDeleteUser },
  ListUsers: { run: listUsers, readOnly: true },
  InitiateAuth: { run: initiateAuth },
  RespondToAuthChallenge: { run: respondToAuthChallenge },
  AdminInitiateAuth: { run: adminInitiateAuth },
  AdminRespondToAuthChallenge: { run: adminRespondToAuthChallenge },
  SetUserMFAPreference: { run: setUserMFAPreference },
  AdminSetUserMFAPreference: { run: adminSetUserMFAPreference },
  GetUser: { run: getUser, readOnly: true },
  GlobalSignOut: { run: globalSignOut },
  RevokeToken: { run: revokeToken },
  GetTokensFromRefreshToken: { run: getTokensFromRefreshToken },
  // Groups (issue 16)
  CreateGroup: { run: createGroup },
  GetGroup: { run: getGroup, readOnly: true },
  ListGroups: { run: listGroups, readOnly: true },
  UpdateGroup: { run: updateGroup },
  DeleteGroup: { run: deleteGroup },
  AdminAddUserToGroup: { run: adminAddUserToGroup },
  AdminRemoveUserFromGroup: { run: adminRemoveUserFromGroup },
  AdminListGroupsForUser: { run: adminListGroupsForUser, readOnly: true },
  ListUsersInGroup: { run: listUsersInGroup, readOnly: true },
  // User states and sessions (issue 16)
  AdminDisableUser: { run: adminDisableUser },
  AdminEnableUser: { run: adminEnableUser },
  AdminUserGlobalSignOut: { run: adminUserGlobalSignOut },
  DeleteUser: { run: deleteUser },
  GetUserAuthFactors: { run: getUserAuthFactors, readOnly: true },
  // Passwords (issue 16)
  ChangePassword: { run: changePassword },
  ForgotPassword: { run: forgotPassword },
  ConfirmForgotPassword: { run: confirmForgotPassword },
  AdminResetUserPassword: { run: adminResetUserPassword },
  // Sign-up (issue 16)
  SignUp: { run: signUp },
  ConfirmSignUp: { run: confirmSignUp },
  ResendConfirmationCode: { run: resendConfirmationCode },
  AdminConfirmSignUp: { run: adminConfirmSignUp },
  // Attributes (issue 16)
  UpdateUserAttributes: { run: updateUserAttributes },
  AdminUpdateUserAttributes: { run: adminUpdateUserAttributes },
  AdminDeleteUserAttributes: { run: adminDeleteUserAttributes },
  GetUserAttributeVerificationCode: { run: getUserAttributeVerificationCode },
  VerifyUserAttribute: { run: verifyUserAttribute },
  // Upkeep (issue 16)
  UpdateUserPool: { run: updateUserPool },
  ListUserPoolClients: { run: listUserPoolClients, readOnly: true },
  UpdateUserPoolClient: { run: updateUserPoolClient },
  DeleteUserPoolClient: { run: deleteUserPoolClient },
  ConfirmDevice: { run: confirmDevice },
  UpdateDeviceStatus: { run: updateDeviceStatus },
  GetDevice: { run: getDevice, readOnly: true },
  ListDevices: { run: listDevices, readOnly: true },
  ForgetDevice: { run: forgetDevice },
  AdminGetDevice: { run: adminGetDevice, readOnly: true },
  AdminListDevices: { run: adminListDevices, readOnly: true },
  AdminForgetDevice: { run: adminForgetDevice },
  AdminUpdateDeviceStatus: { run: adminUpdateDeviceStatus },
};

/**
 * The request against the model, before any handler sees it: a member of the wrong type is a
 * SerializationException (as Cognito's deserializer answers), then the service's own constraints.
 * Both front ends (CLI, server) go through here, so nothing that fails the model's shape is stored.
 */
function checkRequest(op: OperationName, request: Wire): void {
  const input = operations[op].input;
  const typeProblem = validateTypes(input, request);
  if (typeProblem !== undefined) throw new ServiceError('SerializationException', typeProblem);
  const problem = validateServiceSide(input, request);
  if (problem !== undefined) throw new ServiceError('InvalidParameterException', problem);
}

export interface LocalOptions extends StateFileOptions {
  stateFile: string;
  env?: Partial<Env>;
  /** Told of each code put in the outbox, once the change that sent it is durable (serve logs it). */
  onMessage?: (m: Ctx['sent'][number]) => void;
}

/** One call as the service runs it: the model's checks (checkRequest), then the operation. */
function runChecked(ctx: Ctx, op: OperationName, request: Wire): Wire {
  checkRequest(op, request);
  const run = (handlers[op] as Entry<OperationName>).run as (ctx: Ctx, req: Wire) => Wire;
  return run(ctx, resolveRequest(ctx, op, request));
}

export class LocalBackend implements Backend {
  readonly file: StateFile;
  private readonly env: Env;
  private readonly onMessage: LocalOptions['onMessage'];

  constructor(opts: LocalOptions) {
    this.file = new StateFile(opts.stateFile, opts);
    this.env = { ...defaultEnv(), ...opts.env };
    this.onMessage = opts.onMessage;
  }

  describe(): string {
    return `local emulator, state file ${this.file.path}`;
  }

  /** Synchronous core, also used by the server: one transaction per call. */
  callSync(op: OperationName, request: Wire): Wire {
    try {
      return this.transact(op, request);
    } catch (e) {
      throw this.reported(e);
    }
  }

  private transact(op: OperationName, request: Wire): Wire {
    if (handlers[op].readOnly) return runChecked(new Ctx(this.file.read(), this.env), op, request);
    let sent: Ctx['sent'] = [];
    const answer = this.file.update((state) => {
      const ctx = new Ctx(state, this.env);
      sent = ctx.sent;
      ctx.purge();
      try {
        return runChecked(ctx, op, request);
      } catch (e) {
        // Nothing of the state is written: nothing of the challenges in memory changes either.
        if (!isPersisting(e)) ctx.undoChallenges();
        throw e;
      }
    });
    this.announce(sent);
    return answer;
  }

  /** The outbox messages of durable changes, to whoever asked (LocalOptions.onMessage). */
  private announce(sent: Ctx['sent']): void {
    for (const m of sent) this.onMessage?.(m);
  }

  /**
   * Applies a seed document (pools, clients, users; see seed.ts) in one transaction, checked whole
   * first. Idempotent: what exists already is matched by id or name.
   */
  seed(doc: unknown): SeedResult {
    const checked = checkSeed(doc);
    try {
      return this.file.update((state) => {
        const ctx = new Ctx(state, this.env);
        ctx.purge();
        return applySeed(ctx, checked, runChecked as unknown as Invoke);
      });
    } catch (e) {
      throw this.reported(e);
    }
  }

  /**
   * Group commit (the server): several calls in one transaction, one lock and one durable write
   * for all. Each call sees the changes of those before it; a call that fails is rolled back alone
   * (unless its error is meant to persist, like a wrong code counting towards the lockout). Every
   * outcome is returned only once the write is on disk; if the write fails, every call fails.
   */
  callBatch(calls: { op: OperationName; request: Wire }[]): ({ ok: Wire } | { error: unknown })[] {
    const outcomes: ({ ok: Wire } | { error: unknown })[] = [];
    let sent: Ctx['sent'] = [];
    try {
      this.file.update((state) => {
        new Ctx(state, this.env).purge();
        sent = [];
        for (const { op, request } of calls) {
          const cp = checkpoint(state);
          const ctx = new Ctx(state, this.env);
          try {
            outcomes.push({ ok: runChecked(ctx, op, request) });
            sent.push(...ctx.sent);
            commit(state);
          } catch (e) {
            if (isPersisting(e)) commit(state);
            else {
              rollback(state, cp);
              ctx.undoChallenges();
            }
            outcomes.push({ error: this.reported(e) });
          }
        }
      });
    } catch (e) {
      const error = this.reported(e);
      return calls.map(() => ({ error }));
    }
    this.announce(sent);
    return outcomes;
  }

  private reported(e: unknown): unknown {
    return e instanceof StateDamage
      ? new ConfigError(
          `The state file ${this.file.path} is not a valid cognito-totp state (${e.message}). It was left untouched; move it away or pass --state-file to use another file.`,
        )
      : e;
  }

  /** The pool an app client belongs to: SRP needs the pool's name, and the local state knows it. */
  poolIdOfClient(clientId: string): string | undefined {
    const state = this.file.read();
    for (const [id, pool] of Object.entries(state.pools)) if (pool.clients[clientId]) return id;
    return undefined;
  }

  /**
   * The outbox: the codes the emulator would have sent by email or SMS, oldest first, optionally of
   * one pool and one user (for `cognito-totp messages`, and for tests that complete a sign-up).
   */
  messages(filter: { poolId?: string; username?: string } = {}): ListedMessage[] {
    try {
      return listMessages(this.file.read(), filter);
    } catch (e) {
      throw this.reported(e);
    }
  }

  /** The code most recently sent to a user (of one kind, if given), or undefined. */
  latestCode(poolId: string, username: string, kind?: ListedMessage['kind']): string | undefined {
    const sent = this.messages({ poolId, username }).filter((m) => kind === undefined || m.kind === kind);
    return sent.at(-1)?.code;
  }

  subjectInfo(request: Wire): { username?: string; poolName?: string } {
    const ctx = new Ctx(this.file.read(), this.env);
    return ctx.subjectOf(request);
  }

  /** The handlers return what the model's output types say (the table above is typed so). */
  async call<N extends OperationName>(op: N, request: Request<N>): Promise<Response<N>> {
    return this.callSync(op, request as Wire) as Response<N>;
  }
}
