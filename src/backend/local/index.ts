// The local backend: Cognito's behaviour emulated over one JSON state file. Each call validates
// the request as the service would, then runs the operation inside one state-file transaction.
import { ConfigError, ServiceError } from '../../errors.ts';
import { type OperationName, operations, type Request, type Response } from '../../model/index.ts';
import { validateServiceSide } from '../../params/validate.ts';
import type { Backend, Wire } from '../backend.ts';
import { Ctx, defaultEnv, type Env } from './context.ts';
import { createUserPoolClient, describeUserPoolClient } from './ops/clients.ts';
import { adminSetUserMFAPreference, setUserMFAPreference } from './ops/mfa-preference.ts';
import {
  adminInitiateAuth,
  adminRespondToAuthChallenge,
  initiateAuth,
  respondToAuthChallenge,
} from './ops/sign-in.ts';
import { globalSignOut, revokeToken } from './ops/sign-out.ts';
import { associateSoftwareToken, verifySoftwareToken } from './ops/software-token.ts';
import {
  createUserPool,
  deleteUserPool,
  describeUserPool,
  getUserPoolMfaConfig,
  listUserPools,
  setUserPoolMfaConfig,
} from './ops/user-pools.ts';
import {
  adminCreateUser,
  adminDeleteUser,
  adminGetUser,
  adminSetUserPassword,
  getUser,
  listUsers,
} from './ops/users.ts';
import { StateDamage } from './state.ts';
import { StateFile, type StateFileOptions } from './state-file.ts';

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
};

export interface LocalOptions extends StateFileOptions {
  stateFile: string;
  env?: Partial<Env>;
}

export class LocalBackend implements Backend {
  readonly file: StateFile;
  private readonly env: Env;

  constructor(opts: LocalOptions) {
    this.file = new StateFile(opts.stateFile, opts);
    this.env = { ...defaultEnv(), ...opts.env };
  }

  describe(): string {
    return `local emulator, state file ${this.file.path}`;
  }

  /** Synchronous core, also used by the server: one transaction per call. */
  callSync(op: OperationName, request: Wire): Wire {
    try {
      return this.transact(op, request);
    } catch (e) {
      if (e instanceof StateDamage) {
        throw new ConfigError(
          `The state file ${this.file.path} is not a valid cognito-totp state (${e.message}). It was left untouched; move it away or pass --state-file to use another file.`,
        );
      }
      throw e;
    }
  }

  private transact(op: OperationName, request: Wire): Wire {
    const problem = validateServiceSide(operations[op].input, request);
    if (problem !== undefined) throw new ServiceError('InvalidParameterException', problem);
    const entry = handlers[op] as Entry<OperationName>;
    const run = entry.run as (ctx: Ctx, req: Wire) => Wire;
    if (entry.readOnly) return run(new Ctx(this.file.read(), this.env), request);
    return this.file.update((state) => {
      const ctx = new Ctx(state, this.env);
      ctx.purge();
      return run(ctx, request);
    });
  }

  subjectInfo(request: Wire): { username?: string; poolName?: string } {
    const ctx = new Ctx(this.file.read(), this.env);
    return ctx.subjectOf(request);
  }

  async call(op: OperationName, request: Wire): Promise<Wire> {
    return this.callSync(op, request);
  }
}
