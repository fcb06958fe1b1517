# boto3 signing in to `cognito-totp serve` with USER_SRP_AUTH, as a Python app does with a
# hand-written SRP client (boto3 has none): the maths below is an independent implementation of
# Cognito's SRP-6a in Python (pow() does the 3072-bit exponentiations), from the protocol as
# amazon-cognito-identity-js and Amplify implement it. Driven by clients-boto3.test.ts: parameters
# as JSON on stdin, every call's answer or error as one JSON document on stdout.
import base64
import hashlib
import hmac
import json
import secrets
import struct
import sys
import time

import boto3
from botocore.exceptions import ClientError

# RFC 5054's 3072-bit group, g = 2.
N = int(
    'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD'
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED'
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F'
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B'
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510'
    '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7'
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C'
    'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
    16,
)
G = 2


def padded(n):
    """Bytes of n as Java's BigInteger.toByteArray gives them: a 00 in front when the top bit is set."""
    h = '%x' % n
    if len(h) % 2:
        h = '0' + h
    if h[0] in '89abcdef':
        h = '00' + h
    return bytes.fromhex(h)


def h_int(*parts):
    return int.from_bytes(hashlib.sha256(b''.join(parts)).digest(), 'big')


K_MULT = h_int(padded(N), padded(G))
DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']


def timestamp(now=None):
    """'Sun Dec 6 01:44:17 UTC 2026': English names, day not padded, whatever the locale."""
    t = time.gmtime(time.time() if now is None else now)
    return '%s %s %d %02d:%02d:%02d UTC %d' % (
        DAYS[t.tm_wday], MONTHS[t.tm_mon - 1], t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, t.tm_year)


class Srp:
    def __init__(self, pool_id):
        self.pool_name = pool_id.split('_', 1)[1]
        while True:
            self.a = int.from_bytes(secrets.token_bytes(128), 'big')
            self.A = pow(G, self.a, N)
            if self.A % N:
                break

    @property
    def srp_a(self):
        return '%x' % self.A

    def answer(self, params, password):
        B = int(params['SRP_B'], 16)
        salt = int(params['SALT'], 16)
        user_id = params['USER_ID_FOR_SRP']
        block = params['SECRET_BLOCK']
        if B % N == 0:
            raise ValueError('invalid SRP_B')
        u = h_int(padded(self.A), padded(B))
        inner = hashlib.sha256(('%s%s:%s' % (self.pool_name, user_id, password)).encode()).digest()
        x = h_int(padded(salt), inner)
        S = pow((B - K_MULT * pow(G, x, N)) % N, self.a + u * x, N)
        prk = hmac.new(padded(u), padded(S), hashlib.sha256).digest()
        key = hmac.new(prk, b'Caldera Derived Key\x01', hashlib.sha256).digest()[:16]
        ts = timestamp()
        msg = self.pool_name.encode() + user_id.encode() + base64.b64decode(block) + ts.encode()
        return {
            'USERNAME': user_id,
            'PASSWORD_CLAIM_SECRET_BLOCK': block,
            'PASSWORD_CLAIM_SIGNATURE': base64.b64encode(hmac.new(key, msg, hashlib.sha256).digest()).decode(),
            'TIMESTAMP': ts,
        }


def totp(secret, at=None):
    """RFC 6238 with HMAC-SHA1, 6 digits, 30 s: what an authenticator app computes."""
    key = base64.b32decode(secret + '=' * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // 30)
    mac = hmac.new(key, struct.pack('>Q', counter), hashlib.sha1).digest()
    o = mac[-1] & 15
    return '%06d' % ((struct.unpack('>I', mac[o:o + 4])[0] & 0x7fffffff) % 1000000)


p = json.load(sys.stdin)
c = boto3.client('cognito-idp', endpoint_url=p['endpoint'], region_name='us-east-1',
                 aws_access_key_id='x', aws_secret_access_key='x')
out = {}


def call(name, fn, **kw):
    try:
        r = fn(**kw)
        r.pop('ResponseMetadata', None)
        out[name] = {'ok': r}
    except ClientError as e:
        out[name] = {'error': {'code': e.response['Error']['Code'], 'message': e.response['Error']['Message']}}
    return out[name].get('ok')


def srp_sign_in(prefix, pool, client, user, password):
    """InitiateAuth USER_SRP_AUTH, then PASSWORD_VERIFIER answered; the second answer."""
    srp = Srp(pool)
    r = call(prefix + '.initiate', c.initiate_auth, AuthFlow='USER_SRP_AUTH', ClientId=client,
             AuthParameters={'USERNAME': user, 'SRP_A': srp.srp_a})
    return call(prefix + '.verifier', c.respond_to_auth_challenge, ClientId=client,
                ChallengeName='PASSWORD_VERIFIER', ChallengeResponses=srp.answer(r['ChallengeParameters'], password))


# A wrong password through SRP.
opt = p['optional']
srp_sign_in('wrong', opt['pool'], opt['client'], opt['user'], 'Not-the-passw0rd')

# Flow A, pool MFA OPTIONAL: SRP sign-in, associate/verify/preference with the access token, then an
# SRP sign-in answered with SOFTWARE_TOKEN_MFA (the next window's code: this one was used), refresh.
r = srp_sign_in('a.first', opt['pool'], opt['client'], opt['user'], p['password'])
access = r['AuthenticationResult']['AccessToken']
secret = call('a.associate', c.associate_software_token, AccessToken=access)['SecretCode']
call('a.verify', c.verify_software_token, AccessToken=access, UserCode=totp(secret), FriendlyDeviceName='boto3')
call('a.preference', c.set_user_mfa_preference, AccessToken=access,
     SoftwareTokenMfaSettings={'Enabled': True, 'PreferredMfa': True})
r = srp_sign_in('a.again', opt['pool'], opt['client'], opt['user'], p['password'])
r = call('a.mfa', c.respond_to_auth_challenge, ClientId=opt['client'], ChallengeName='SOFTWARE_TOKEN_MFA',
         Session=r['Session'], ChallengeResponses={'USERNAME': opt['user'], 'SOFTWARE_TOKEN_MFA_CODE': totp(secret, time.time() + 30)})
call('a.refresh', c.get_tokens_from_refresh_token, ClientId=opt['client'],
     RefreshToken=r['AuthenticationResult']['RefreshToken'])

# Flow B, pool MFA ON: the SRP sign-in answers MFA_SETUP; associate/verify with the Session; tokens.
on = p['on']
r = srp_sign_in('b.first', on['pool'], on['client'], on['user'], p['password'])
r = call('b.associate', c.associate_software_token, Session=r['Session'])
secret_b = r['SecretCode']
r = call('b.verify', c.verify_software_token, Session=r['Session'], UserCode=totp(secret_b))
r = call('b.respond', c.respond_to_auth_challenge, ClientId=on['client'], ChallengeName='MFA_SETUP',
         Session=r['Session'], ChallengeResponses={'USERNAME': on['user']})
call('b.getUser', c.get_user, AccessToken=r['AuthenticationResult']['AccessToken'])
r = srp_sign_in('b.again', on['pool'], on['client'], on['user'], p['password'])
call('b.mfa', c.respond_to_auth_challenge, ClientId=on['client'], ChallengeName='SOFTWARE_TOKEN_MFA',
     Session=r['Session'], ChallengeResponses={'USERNAME': on['user'], 'SOFTWARE_TOKEN_MFA_CODE': totp(secret_b, time.time() + 30)})

print(json.dumps(out))
