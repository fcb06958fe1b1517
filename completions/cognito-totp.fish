# fish completion for cognito-totp.
# Generated from the operation model by `cognito-totp completion fish`: do not edit by hand.
# Install: cognito-totp completion fish > ~/.config/fish/completions/cognito-totp.fish

# The command word (skipping cognito-idp, options and the values of global options), or nothing.
function __cognito_totp_command
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l skip 0
    set -l idp 0
    for t in $tokens
        if test $skip = 1
            set skip 0
            continue
        end
        switch $t
            case '--endpoint-url' '--state-file' '--output' '--query' '--profile' '--region' '--color' '--ca-bundle' '--cli-read-timeout' '--cli-connect-timeout'
                set skip 1
            case '-*'
                continue
            case cognito-idp
                if test $idp = 0
                    set idp 1
                    continue
                end
                echo $t
                return 0
            case '*'
                echo $t
                return 0
        end
    end
    if test $idp = 1
        echo cognito-idp
    end
    return 1
end

# The positional arguments after the command word (options left out).
function __cognito_totp_positionals
    set -l tokens (commandline -opc)
    set -l cmd (__cognito_totp_command)
    set -l seen 0
    for t in $tokens[2..-1]
        if test $seen = 0
            test "$t" = "$cmd"; and set seen 1
            continue
        end
        string match -q -- '-*' $t; or echo $t
    end
end

function __cognito_totp_needs_command
    set -l cmd (__cognito_totp_command)
    test -z "$cmd"; or test "$cmd" = cognito-idp
end

function __cognito_totp_using
    set -l cmd (__cognito_totp_command)
    test "$cmd" = "$argv[1]"
end

# The word before the cursor is the option $argv[1].
function __cognito_totp_prev
    set -l tokens (commandline -opc)
    test "$tokens[-1]" = "$argv[1]"
end

# The last option before the cursor is $argv[1] (the words since are its list of values).
function __cognito_totp_in_list
    set -l tokens (commandline -opc)
    for t in $tokens[-1..2]
        if string match -q -- '-*' $t
            test "$t" = "$argv[1]"
            return
        end
    end
    return 1
end

function __cognito_totp_after
    set -l p (__cognito_totp_positionals)
    test "$p" = "$argv"
end

complete -c cognito-totp -f

# Commands
complete -c cognito-totp -n '__cognito_totp_needs_command' -a associate-software-token -d 'Begins setup of time-based one-time password (TOTP) multi-factor authentication (MFA) for a...'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a verify-software-token -d 'Registers the current user\'s time-based one-time password (TOTP) authenticator with a code...'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a create-user-pool -d 'Creates a new user pool'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a describe-user-pool -d 'Describes a user pool'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a list-user-pools -d 'Lists the user pools'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a delete-user-pool -d 'Deletes a user pool with its clients and users'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a set-user-pool-mfa-config -d 'Sets the user pool\'s multi-factor authentication (MFA) configuration: whether MFA is OFF, ON or...'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a get-user-pool-mfa-config -d 'Gets the user pool\'s multi-factor authentication (MFA) configuration'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a create-user-pool-client -d 'Creates an app client in a user pool'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a describe-user-pool-client -d 'Describes an app client'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a admin-create-user -d 'Creates a new user in a user pool'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a admin-set-user-password -d 'Sets a user\'s password'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a admin-get-user -d 'Gets a user by user name, as an administrator, with their status and MFA settings'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a admin-delete-user -d 'Deletes a user, with their TOTP authenticator and tokens'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a list-users -d 'Lists the users of a user pool'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a initiate-auth -d 'Starts sign-in for a user'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a respond-to-auth-challenge -d 'Answers a challenge of initiate-auth: PASSWORD_VERIFIER (USERNAME, PASSWORD_CLAIM_SECRET_BLOCK,...'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a admin-initiate-auth -d 'Starts sign-in for a user as an administrator'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a admin-respond-to-auth-challenge -d 'Answers a challenge of admin-initiate-auth, as respond-to-auth-challenge does'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a set-user-mfa-preference -d 'Sets the signed-in user\'s MFA preferences'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a admin-set-user-mfa-preference -d 'Sets a user\'s MFA preferences as an administrator'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a get-user -d 'Gets the attributes and MFA settings of the signed-in user'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a global-sign-out -d 'Invalidates all of the signed-in user\'s access and refresh tokens'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a revoke-token -d 'Revokes a refresh token and every access token issued with it'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a get-tokens-from-refresh-token -d 'Gets new ID and access tokens with a refresh token'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a create-group -d 'Creates a group in a user pool'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a get-group -d 'Gets a group of a user pool'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a list-groups -d 'Lists the groups of a user pool'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a update-group -d 'Changes the description, role or precedence of a group'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a delete-group -d 'Deletes a group; its members leave it'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a admin-add-user-to-group -d 'Adds a user to a group'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a admin-remove-user-from-group -d 'Removes a user from a group'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a admin-list-groups-for-user -d 'Lists the groups a user belongs to'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a list-users-in-group -d 'Lists the users of a group'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a admin-disable-user -d 'Deactivates a user and revokes all of the user\'s tokens'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a admin-enable-user -d 'Activates a deactivated user: they can sign in again'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a admin-user-global-sign-out -d 'Signs a user out of every device, as an administrator: every access, ID and refresh token issued...'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a delete-user -d 'Deletes the signed-in user, with their TOTP authenticator, group memberships and tokens'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a get-user-auth-factors -d 'Lists the authentication factors the signed-in user has configured: the MFA factors...'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a change-password -d 'Changes the signed-in user\'s password: the previous one must be right and the proposed one must...'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a forgot-password -d 'Sends a password reset code to the user\'s verified email address or phone number (the local...'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a confirm-forgot-password -d 'Sets a new password with the code that forgot-password or admin-reset-user-password sent'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a admin-reset-user-password -d 'Resets a user\'s password as an administrator: the user is RESET_REQUIRED, sign-in answers...'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a sign-up -d 'Registers a user: UNCONFIRMED until confirm-sign-up (with the code sent to an auto-verified...'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a confirm-sign-up -d 'Confirms a signed-up user with the code sent to them'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a resend-confirmation-code -d 'Sends an UNCONFIRMED user a new confirmation code; an earlier code stops working'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a admin-confirm-sign-up -d 'Confirms a signed-up (UNCONFIRMED) user as an administrator, without a code'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a update-user-attributes -d 'Changes the signed-in user\'s attributes'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a admin-update-user-attributes -d 'Changes a user\'s attributes as an administrator'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a admin-delete-user-attributes -d 'Deletes attributes of a user as an administrator (not sub)'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a get-user-attribute-verification-code -d 'Sends the signed-in user a code to verify their email or phone number (the local outbox); verify...'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a verify-user-attribute -d 'Verifies the signed-in user\'s email or phone number with the code...'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a update-user-pool -d 'Changes the settings of a user pool'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a list-user-pool-clients -d 'Lists the app clients of a user pool'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a update-user-pool-client -d 'Changes an app client'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a delete-user-pool-client -d 'Deletes an app client: its sign-in sessions end, and tokens issued to it can no longer be refreshed'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a confirm-device -d 'Confirms a device that a sign-in returned in NewDeviceMetadata, with the device\'s SRP verifier'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a update-device-status -d 'Sets whether the signed-in user\'s device is remembered (it may then sign in with device...'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a get-device -d 'Gets one of the signed-in user\'s devices: its key, attributes (name, remembered status) and dates'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a list-devices -d 'Lists the signed-in user\'s confirmed devices, remembered or not'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a forget-device -d 'Forgets one of the signed-in user\'s devices: its next sign-in is a new device (and needs the...'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a admin-get-device -d 'Gets one of a user\'s devices, as an administrator'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a admin-list-devices -d 'Lists a user\'s confirmed devices, as an administrator'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a admin-forget-device -d 'Forgets one of a user\'s devices, as an administrator'
complete -c cognito-totp -n '__cognito_totp_needs_command' -a admin-update-device-status -d 'Sets whether one of a user\'s devices is remembered, as an administrator'
complete -c cognito-totp -n '__cognito_totp_needs_command; and not __fish_seen_subcommand_from cognito-idp' -a quickstart -d 'Create a demo pool and user locally, enrol a TOTP authenticator and verify it, in one step'
complete -c cognito-totp -n '__cognito_totp_needs_command; and not __fish_seen_subcommand_from cognito-idp' -a enroll -d 'Interactive wizard: sign in, associate, scan the QR code, verify, make TOTP preferred'
complete -c cognito-totp -n '__cognito_totp_needs_command; and not __fish_seen_subcommand_from cognito-idp' -a messages -d 'List the codes the local emulator would have sent by email or SMS (the outbox)'
complete -c cognito-totp -n '__cognito_totp_needs_command; and not __fish_seen_subcommand_from cognito-idp' -a seed -d 'Apply a YAML or JSON file of pools, clients and users to the local state (idempotent)'
complete -c cognito-totp -n '__cognito_totp_needs_command; and not __fish_seen_subcommand_from cognito-idp' -a sign-in -d 'Sign a user in (SRP by default, as the SDKs) and print the tokens as initiate-auth does'
complete -c cognito-totp -n '__cognito_totp_needs_command; and not __fish_seen_subcommand_from cognito-idp' -a totp -d 'Print the current TOTP code of a secret (for scripts and tests)'
complete -c cognito-totp -n '__cognito_totp_needs_command; and not __fish_seen_subcommand_from cognito-idp' -a configure -d 'Read and change settings: configure list|get|set|unset'
complete -c cognito-totp -n '__cognito_totp_needs_command; and not __fish_seen_subcommand_from cognito-idp' -a completion -d 'Print the shell completion script: completion bash|zsh|fish'
complete -c cognito-totp -n '__cognito_totp_needs_command; and not __fish_seen_subcommand_from cognito-idp' -a serve -d 'Serve the local state over Cognito\'s wire protocol for the AWS CLI and SDKs'
complete -c cognito-totp -n '__cognito_totp_needs_command; and not __fish_seen_subcommand_from cognito-idp' -a help -d 'Show the list of commands and the global options'
complete -c cognito-totp -n 'not __fish_seen_subcommand_from cognito-idp; and __cognito_totp_needs_command' -a cognito-idp -d 'the AWS CLI spelling: cognito-totp cognito-idp COMMAND'

# Global options
complete -c cognito-totp -n 'true' -l debug -d 'Log what the program does to stderr (configuration, backend, request and response), secrets masked'
complete -c cognito-totp -n 'true' -l endpoint-url -x -d 'Send the request to this URL (a Cognito-compatible endpoint) instead of the local emulator'
complete -c cognito-totp -n 'true' -l remote -d 'Send the request to the region\'s Amazon Cognito endpoint instead of the local emulator'
complete -c cognito-totp -n 'true' -l state-file -r -F -d 'The local emulator state file (default: see README; env COGNITO_TOTP_STATE_FILE)'
complete -c cognito-totp -n 'true' -l no-verify-ssl -d 'Do not verify TLS certificates of the endpoint'
complete -c cognito-totp -n 'true' -l no-paginate -d 'Disable automatic pagination: a paginated command makes one call and prints the first page'
complete -c cognito-totp -n 'true' -l output -x -a 'json text table yaml yaml-stream off' -d 'The formatting style for command output'
complete -c cognito-totp -n 'true' -l query -x -d 'A JMESPath query to use in filtering the response data'
complete -c cognito-totp -n 'true' -l profile -x -d 'Use a specific profile from your AWS credential and config files'
complete -c cognito-totp -n 'true' -l region -x -d 'The region to use'
complete -c cognito-totp -n 'true' -l version -d 'Display the version of this tool'
complete -c cognito-totp -n 'true' -l color -x -a 'on off auto' -d 'Turn on/off color output'
complete -c cognito-totp -n 'true' -l no-sign-request -d 'Do not sign requests'
complete -c cognito-totp -n 'true' -l ca-bundle -r -F -d 'The CA certificate bundle to use when verifying TLS certificates'
complete -c cognito-totp -n 'true' -l cli-read-timeout -x -d 'The maximum socket read time in seconds (0: no limit)'
complete -c cognito-totp -n 'true' -l cli-connect-timeout -x -d 'The maximum socket connect time in seconds (0: no limit)'
complete -c cognito-totp -n 'true' -l no-cli-pager -d 'Accepted for AWS CLI compatibility; output is never paged'

# associate-software-token
complete -c cognito-totp -n '__cognito_totp_using associate-software-token' -l access-token -x -d 'A valid access token that Amazon Cognito issued to the currently signed-in user'
complete -c cognito-totp -n '__cognito_totp_using associate-software-token' -l session -x -d 'The session identifier that maintains the state of authentication requests and challenge responses'
complete -c cognito-totp -n '__cognito_totp_using associate-software-token' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using associate-software-token' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using associate-software-token' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using associate-software-token; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'
complete -c cognito-totp -n '__cognito_totp_using associate-software-token' -l qr -d 'After the normal output, print to stderr a QR code of the otpauth:// enrollment URI, and the URI'
complete -c cognito-totp -n '__cognito_totp_using associate-software-token' -l qr-small -d 'As --qr, with a compact QR code drawn with half blocks (for small terminals)'
complete -c cognito-totp -n '__cognito_totp_using associate-software-token' -l otpauth-uri -d 'After the normal output, print the otpauth:// enrollment URI to stderr, without a QR code'
complete -c cognito-totp -n '__cognito_totp_using associate-software-token' -l issuer -x -d 'Issuer shown by the authenticator app (default: the issuer setting, else the user pool name in...'
complete -c cognito-totp -n '__cognito_totp_using associate-software-token' -l account-name -x -d 'Account name shown by the authenticator app (default: the user name of the access token or session)'

# verify-software-token
complete -c cognito-totp -n '__cognito_totp_using verify-software-token' -l access-token -x -d 'A valid access token that Amazon Cognito issued to the currently signed-in user'
complete -c cognito-totp -n '__cognito_totp_using verify-software-token' -l session -x -d 'The session identifier that maintains the state of authentication requests and challenge responses'
complete -c cognito-totp -n '__cognito_totp_using verify-software-token' -l user-code -x -d 'A time-based one-time password (TOTP) that your user generated in their authenticator app'
complete -c cognito-totp -n '__cognito_totp_using verify-software-token' -l friendly-device-name -x -d 'A friendly name for the device that is running the authenticator app'
complete -c cognito-totp -n '__cognito_totp_using verify-software-token' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using verify-software-token' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using verify-software-token' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using verify-software-token; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# create-user-pool
complete -c cognito-totp -n '__cognito_totp_using create-user-pool' -l pool-name -x -d 'A friendly name for the user pool'
complete -c cognito-totp -n '__cognito_totp_using create-user-pool' -l policies -x -d 'The policies of the user pool: its password policy'
complete -c cognito-totp -n '__cognito_totp_using create-user-pool' -l deletion-protection -x -a 'ACTIVE INACTIVE' -d 'When ACTIVE, the user pool cannot be deleted'
complete -c cognito-totp -n '__cognito_totp_using create-user-pool' -l auto-verified-attributes -x -a 'phone_number email'
complete -c cognito-totp -n '__cognito_totp_using create-user-pool; and __cognito_totp_in_list --auto-verified-attributes' -a 'phone_number email'
complete -c cognito-totp -n '__cognito_totp_using create-user-pool' -l alias-attributes -x -a 'phone_number email preferred_username' -d 'Attributes a user may also sign in with besides the username: an email address or phone number...'
complete -c cognito-totp -n '__cognito_totp_using create-user-pool; and __cognito_totp_in_list --alias-attributes' -a 'phone_number email preferred_username'
complete -c cognito-totp -n '__cognito_totp_using create-user-pool' -l username-attributes -x -a 'phone_number email' -d 'Sign-in by email address and/or phone number instead of a username: the username is then a...'
complete -c cognito-totp -n '__cognito_totp_using create-user-pool; and __cognito_totp_in_list --username-attributes' -a 'phone_number email'
complete -c cognito-totp -n '__cognito_totp_using create-user-pool' -l mfa-configuration -x -a 'OFF ON OPTIONAL' -d 'OFF: users sign in without MFA'
complete -c cognito-totp -n '__cognito_totp_using create-user-pool' -l device-configuration -x -d 'Remembered devices'
complete -c cognito-totp -n '__cognito_totp_using create-user-pool' -l user-pool-tags -x
complete -c cognito-totp -n '__cognito_totp_using create-user-pool' -l admin-create-user-config -x
complete -c cognito-totp -n '__cognito_totp_using create-user-pool' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using create-user-pool' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using create-user-pool' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using create-user-pool; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# describe-user-pool
complete -c cognito-totp -n '__cognito_totp_using describe-user-pool' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using describe-user-pool' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using describe-user-pool' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using describe-user-pool' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using describe-user-pool; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# list-user-pools
complete -c cognito-totp -n '__cognito_totp_using list-user-pools' -l next-token -x -d 'The pagination token of a previous call'
complete -c cognito-totp -n '__cognito_totp_using list-user-pools' -l max-results -x -d 'The most user pools to return (1 to 60)'
complete -c cognito-totp -n '__cognito_totp_using list-user-pools' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using list-user-pools' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using list-user-pools' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using list-user-pools; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'
complete -c cognito-totp -n '__cognito_totp_using list-user-pools' -l starting-token -x -d 'A token to specify where to start paginating'
complete -c cognito-totp -n '__cognito_totp_using list-user-pools' -l page-size -x -d 'The size of each page to get in the service call'
complete -c cognito-totp -n '__cognito_totp_using list-user-pools' -l max-items -x -d 'The total number of items to return in the command\'s output'

# delete-user-pool
complete -c cognito-totp -n '__cognito_totp_using delete-user-pool' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using delete-user-pool' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using delete-user-pool' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using delete-user-pool' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using delete-user-pool; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# set-user-pool-mfa-config
complete -c cognito-totp -n '__cognito_totp_using set-user-pool-mfa-config' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using set-user-pool-mfa-config' -l software-token-mfa-configuration -x -d 'Turns software-token (TOTP) MFA on or off for the pool'
complete -c cognito-totp -n '__cognito_totp_using set-user-pool-mfa-config' -l mfa-configuration -x -a 'OFF ON OPTIONAL' -d 'OFF: users sign in without MFA'
complete -c cognito-totp -n '__cognito_totp_using set-user-pool-mfa-config' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using set-user-pool-mfa-config' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using set-user-pool-mfa-config' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using set-user-pool-mfa-config; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# get-user-pool-mfa-config
complete -c cognito-totp -n '__cognito_totp_using get-user-pool-mfa-config' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using get-user-pool-mfa-config' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using get-user-pool-mfa-config' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using get-user-pool-mfa-config' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using get-user-pool-mfa-config; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# create-user-pool-client
complete -c cognito-totp -n '__cognito_totp_using create-user-pool-client' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using create-user-pool-client' -l client-name -x
complete -c cognito-totp -n '__cognito_totp_using create-user-pool-client' -l generate-secret -d 'Whether to generate a client secret'
complete -c cognito-totp -n '__cognito_totp_using create-user-pool-client' -l no-generate-secret -d 'Whether to generate a client secret'
complete -c cognito-totp -n '__cognito_totp_using create-user-pool-client' -l refresh-token-validity -x
complete -c cognito-totp -n '__cognito_totp_using create-user-pool-client' -l access-token-validity -x
complete -c cognito-totp -n '__cognito_totp_using create-user-pool-client' -l id-token-validity -x
complete -c cognito-totp -n '__cognito_totp_using create-user-pool-client' -l token-validity-units -x -d 'The units of AccessTokenValidity, IdTokenValidity and RefreshTokenValidity (defaults: hours,...'
complete -c cognito-totp -n '__cognito_totp_using create-user-pool-client' -l explicit-auth-flows -x -a 'ADMIN_NO_SRP_AUTH CUSTOM_AUTH_FLOW_ONLY USER_PASSWORD_AUTH ALLOW_ADMIN_USER_PASSWORD_AUTH ALLOW_CUSTOM_AUTH ALLOW_USER_PASSWORD_AUTH ALLOW_USER_SRP_AUTH ALLOW_REFRESH_TOKEN_AUTH ALLOW_USER_AUTH' -d 'The authentication flows the client allows'
complete -c cognito-totp -n '__cognito_totp_using create-user-pool-client; and __cognito_totp_in_list --explicit-auth-flows' -a 'ADMIN_NO_SRP_AUTH CUSTOM_AUTH_FLOW_ONLY USER_PASSWORD_AUTH ALLOW_ADMIN_USER_PASSWORD_AUTH ALLOW_CUSTOM_AUTH ALLOW_USER_PASSWORD_AUTH ALLOW_USER_SRP_AUTH ALLOW_REFRESH_TOKEN_AUTH ALLOW_USER_AUTH'
complete -c cognito-totp -n '__cognito_totp_using create-user-pool-client' -l prevent-user-existence-errors -x -a 'LEGACY ENABLED' -d 'Whether sign-in and password reset hide that a user does not exist'
complete -c cognito-totp -n '__cognito_totp_using create-user-pool-client' -l enable-token-revocation
complete -c cognito-totp -n '__cognito_totp_using create-user-pool-client' -l no-enable-token-revocation
complete -c cognito-totp -n '__cognito_totp_using create-user-pool-client' -l auth-session-validity -x -d 'Minutes a sign-in session (the Session of a challenge) stays valid: 3 to 15, default 3'
complete -c cognito-totp -n '__cognito_totp_using create-user-pool-client' -l refresh-token-rotation -x -d 'Refresh token rotation: when ENABLED, get-tokens-from-refresh-token also returns a new refresh...'
complete -c cognito-totp -n '__cognito_totp_using create-user-pool-client' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using create-user-pool-client' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using create-user-pool-client' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using create-user-pool-client; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# describe-user-pool-client
complete -c cognito-totp -n '__cognito_totp_using describe-user-pool-client' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using describe-user-pool-client' -l client-id -x -d 'The ID of the app client'
complete -c cognito-totp -n '__cognito_totp_using describe-user-pool-client' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using describe-user-pool-client' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using describe-user-pool-client' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using describe-user-pool-client; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# admin-create-user
complete -c cognito-totp -n '__cognito_totp_using admin-create-user' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using admin-create-user' -l username -x -d 'The name of the user: the user name, or an alias such as email when the pool allows it'
complete -c cognito-totp -n '__cognito_totp_using admin-create-user' -l user-attributes -x
complete -c cognito-totp -n '__cognito_totp_using admin-create-user' -l temporary-password -x -d 'The password'
complete -c cognito-totp -n '__cognito_totp_using admin-create-user' -l force-alias-creation -d 'With email_verified or phone_number_verified true: whether to move an alias another user has to...'
complete -c cognito-totp -n '__cognito_totp_using admin-create-user' -l no-force-alias-creation -d 'With email_verified or phone_number_verified true: whether to move an alias another user has to...'
complete -c cognito-totp -n '__cognito_totp_using admin-create-user' -l message-action -x -a 'RESEND SUPPRESS'
complete -c cognito-totp -n '__cognito_totp_using admin-create-user' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using admin-create-user' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using admin-create-user' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using admin-create-user; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# admin-set-user-password
complete -c cognito-totp -n '__cognito_totp_using admin-set-user-password' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using admin-set-user-password' -l username -x -d 'The name of the user: the user name, or an alias such as email when the pool allows it'
complete -c cognito-totp -n '__cognito_totp_using admin-set-user-password' -l password -x -d 'The password'
complete -c cognito-totp -n '__cognito_totp_using admin-set-user-password' -l permanent -d 'True makes the password permanent'
complete -c cognito-totp -n '__cognito_totp_using admin-set-user-password' -l no-permanent -d 'True makes the password permanent'
complete -c cognito-totp -n '__cognito_totp_using admin-set-user-password' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using admin-set-user-password' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using admin-set-user-password' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using admin-set-user-password; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# admin-get-user
complete -c cognito-totp -n '__cognito_totp_using admin-get-user' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using admin-get-user' -l username -x -d 'The name of the user: the user name, or an alias such as email when the pool allows it'
complete -c cognito-totp -n '__cognito_totp_using admin-get-user' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using admin-get-user' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using admin-get-user' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using admin-get-user; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# admin-delete-user
complete -c cognito-totp -n '__cognito_totp_using admin-delete-user' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using admin-delete-user' -l username -x -d 'The name of the user: the user name, or an alias such as email when the pool allows it'
complete -c cognito-totp -n '__cognito_totp_using admin-delete-user' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using admin-delete-user' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using admin-delete-user' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using admin-delete-user; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# list-users
complete -c cognito-totp -n '__cognito_totp_using list-users' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using list-users' -l attributes-to-get -x -d 'The attributes to return for each user (all when not given)'
complete -c cognito-totp -n '__cognito_totp_using list-users' -l limit -x -d 'The most users to return (default and most: 60)'
complete -c cognito-totp -n '__cognito_totp_using list-users' -l pagination-token -x -d 'The pagination token of a previous call'
complete -c cognito-totp -n '__cognito_totp_using list-users' -l filter -x -d 'A filter of the form \'AttributeName = "value"\' (exact) or \'AttributeName ^= "value"\' (starts...'
complete -c cognito-totp -n '__cognito_totp_using list-users' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using list-users' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using list-users' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using list-users; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'
complete -c cognito-totp -n '__cognito_totp_using list-users' -l starting-token -x -d 'A token to specify where to start paginating'
complete -c cognito-totp -n '__cognito_totp_using list-users' -l page-size -x -d 'The size of each page to get in the service call'
complete -c cognito-totp -n '__cognito_totp_using list-users' -l max-items -x -d 'The total number of items to return in the command\'s output'

# initiate-auth
complete -c cognito-totp -n '__cognito_totp_using initiate-auth' -l auth-flow -x -a 'USER_SRP_AUTH REFRESH_TOKEN_AUTH REFRESH_TOKEN CUSTOM_AUTH ADMIN_NO_SRP_AUTH USER_PASSWORD_AUTH ADMIN_USER_PASSWORD_AUTH USER_AUTH' -d 'The authentication flow'
complete -c cognito-totp -n '__cognito_totp_using initiate-auth' -l auth-parameters -x -d 'The parameters of the flow, e.g'
complete -c cognito-totp -n '__cognito_totp_using initiate-auth' -l client-metadata -x
complete -c cognito-totp -n '__cognito_totp_using initiate-auth' -l client-id -x -d 'The ID of the app client'
complete -c cognito-totp -n '__cognito_totp_using initiate-auth' -l session -x -d 'The session identifier that maintains the state of authentication requests and challenge responses'
complete -c cognito-totp -n '__cognito_totp_using initiate-auth' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using initiate-auth' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using initiate-auth' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using initiate-auth; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# respond-to-auth-challenge
complete -c cognito-totp -n '__cognito_totp_using respond-to-auth-challenge' -l client-id -x -d 'The ID of the app client'
complete -c cognito-totp -n '__cognito_totp_using respond-to-auth-challenge' -l challenge-name -x -a 'SMS_MFA EMAIL_OTP SOFTWARE_TOKEN_MFA SELECT_MFA_TYPE MFA_SETUP PASSWORD_VERIFIER CUSTOM_CHALLENGE SELECT_CHALLENGE DEVICE_SRP_AUTH DEVICE_PASSWORD_VERIFIER ADMIN_NO_SRP_AUTH NEW_PASSWORD_REQUIRED SMS_OTP PASSWORD WEB_AUTHN PASSWORD_SRP' -d 'The name of the challenge'
complete -c cognito-totp -n '__cognito_totp_using respond-to-auth-challenge' -l session -x -d 'The session identifier that maintains the state of authentication requests and challenge responses'
complete -c cognito-totp -n '__cognito_totp_using respond-to-auth-challenge' -l challenge-responses -x -d 'The answers to the challenge, e.g'
complete -c cognito-totp -n '__cognito_totp_using respond-to-auth-challenge' -l client-metadata -x
complete -c cognito-totp -n '__cognito_totp_using respond-to-auth-challenge' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using respond-to-auth-challenge' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using respond-to-auth-challenge' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using respond-to-auth-challenge; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# admin-initiate-auth
complete -c cognito-totp -n '__cognito_totp_using admin-initiate-auth' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using admin-initiate-auth' -l client-id -x -d 'The ID of the app client'
complete -c cognito-totp -n '__cognito_totp_using admin-initiate-auth' -l auth-flow -x -a 'USER_SRP_AUTH REFRESH_TOKEN_AUTH REFRESH_TOKEN CUSTOM_AUTH ADMIN_NO_SRP_AUTH USER_PASSWORD_AUTH ADMIN_USER_PASSWORD_AUTH USER_AUTH' -d 'The authentication flow'
complete -c cognito-totp -n '__cognito_totp_using admin-initiate-auth' -l auth-parameters -x -d 'The parameters of the flow, e.g'
complete -c cognito-totp -n '__cognito_totp_using admin-initiate-auth' -l client-metadata -x
complete -c cognito-totp -n '__cognito_totp_using admin-initiate-auth' -l session -x -d 'The session identifier that maintains the state of authentication requests and challenge responses'
complete -c cognito-totp -n '__cognito_totp_using admin-initiate-auth' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using admin-initiate-auth' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using admin-initiate-auth' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using admin-initiate-auth; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# admin-respond-to-auth-challenge
complete -c cognito-totp -n '__cognito_totp_using admin-respond-to-auth-challenge' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using admin-respond-to-auth-challenge' -l client-id -x -d 'The ID of the app client'
complete -c cognito-totp -n '__cognito_totp_using admin-respond-to-auth-challenge' -l challenge-name -x -a 'SMS_MFA EMAIL_OTP SOFTWARE_TOKEN_MFA SELECT_MFA_TYPE MFA_SETUP PASSWORD_VERIFIER CUSTOM_CHALLENGE SELECT_CHALLENGE DEVICE_SRP_AUTH DEVICE_PASSWORD_VERIFIER ADMIN_NO_SRP_AUTH NEW_PASSWORD_REQUIRED SMS_OTP PASSWORD WEB_AUTHN PASSWORD_SRP' -d 'The name of the challenge'
complete -c cognito-totp -n '__cognito_totp_using admin-respond-to-auth-challenge' -l challenge-responses -x -d 'The answers to the challenge, e.g'
complete -c cognito-totp -n '__cognito_totp_using admin-respond-to-auth-challenge' -l session -x -d 'The session identifier that maintains the state of authentication requests and challenge responses'
complete -c cognito-totp -n '__cognito_totp_using admin-respond-to-auth-challenge' -l client-metadata -x
complete -c cognito-totp -n '__cognito_totp_using admin-respond-to-auth-challenge' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using admin-respond-to-auth-challenge' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using admin-respond-to-auth-challenge' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using admin-respond-to-auth-challenge; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# set-user-mfa-preference
complete -c cognito-totp -n '__cognito_totp_using set-user-mfa-preference' -l sms-mfa-settings -x -d 'SMS MFA settings (not emulated: SMS cannot be enabled locally)'
complete -c cognito-totp -n '__cognito_totp_using set-user-mfa-preference' -l software-token-mfa-settings -x -d 'TOTP software token MFA settings'
complete -c cognito-totp -n '__cognito_totp_using set-user-mfa-preference' -l access-token -x -d 'A valid access token that Amazon Cognito issued to the currently signed-in user'
complete -c cognito-totp -n '__cognito_totp_using set-user-mfa-preference' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using set-user-mfa-preference' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using set-user-mfa-preference' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using set-user-mfa-preference; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# admin-set-user-mfa-preference
complete -c cognito-totp -n '__cognito_totp_using admin-set-user-mfa-preference' -l sms-mfa-settings -x -d 'SMS MFA settings (not emulated: SMS cannot be enabled locally)'
complete -c cognito-totp -n '__cognito_totp_using admin-set-user-mfa-preference' -l software-token-mfa-settings -x -d 'TOTP software token MFA settings'
complete -c cognito-totp -n '__cognito_totp_using admin-set-user-mfa-preference' -l username -x -d 'The name of the user: the user name, or an alias such as email when the pool allows it'
complete -c cognito-totp -n '__cognito_totp_using admin-set-user-mfa-preference' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using admin-set-user-mfa-preference' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using admin-set-user-mfa-preference' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using admin-set-user-mfa-preference' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using admin-set-user-mfa-preference; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# get-user
complete -c cognito-totp -n '__cognito_totp_using get-user' -l access-token -x -d 'A valid access token that Amazon Cognito issued to the currently signed-in user'
complete -c cognito-totp -n '__cognito_totp_using get-user' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using get-user' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using get-user' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using get-user; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# global-sign-out
complete -c cognito-totp -n '__cognito_totp_using global-sign-out' -l access-token -x -d 'A valid access token that Amazon Cognito issued to the currently signed-in user'
complete -c cognito-totp -n '__cognito_totp_using global-sign-out' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using global-sign-out' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using global-sign-out' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using global-sign-out; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# revoke-token
complete -c cognito-totp -n '__cognito_totp_using revoke-token' -l token -x -d 'The refresh token to revoke'
complete -c cognito-totp -n '__cognito_totp_using revoke-token' -l client-id -x -d 'The ID of the app client'
complete -c cognito-totp -n '__cognito_totp_using revoke-token' -l client-secret -x -d 'The client secret of the app client, when it has one'
complete -c cognito-totp -n '__cognito_totp_using revoke-token' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using revoke-token' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using revoke-token' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using revoke-token; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# get-tokens-from-refresh-token
complete -c cognito-totp -n '__cognito_totp_using get-tokens-from-refresh-token' -l refresh-token -x -d 'A valid refresh token that can authorize the request for new tokens'
complete -c cognito-totp -n '__cognito_totp_using get-tokens-from-refresh-token' -l client-id -x -d 'The ID of the app client'
complete -c cognito-totp -n '__cognito_totp_using get-tokens-from-refresh-token' -l client-secret -x -d 'The client secret of the app client, when it has one'
complete -c cognito-totp -n '__cognito_totp_using get-tokens-from-refresh-token' -l device-key -x -d 'The key of the device the refresh token was issued to: required while the pool tracks devices...'
complete -c cognito-totp -n '__cognito_totp_using get-tokens-from-refresh-token' -l client-metadata -x
complete -c cognito-totp -n '__cognito_totp_using get-tokens-from-refresh-token' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using get-tokens-from-refresh-token' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using get-tokens-from-refresh-token' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using get-tokens-from-refresh-token; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# create-group
complete -c cognito-totp -n '__cognito_totp_using create-group' -l group-name -x -d 'The name of the group'
complete -c cognito-totp -n '__cognito_totp_using create-group' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using create-group' -l description -x -d 'A description of the group'
complete -c cognito-totp -n '__cognito_totp_using create-group' -l role-arn -x -d 'The ARN of an IAM role for the group\'s members: it appears in their ID tokens (cognito:roles,...'
complete -c cognito-totp -n '__cognito_totp_using create-group' -l precedence -x -d 'The group\'s rank among the user\'s groups: lower comes first in the cognito:groups claim, and the...'
complete -c cognito-totp -n '__cognito_totp_using create-group' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using create-group' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using create-group' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using create-group; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# get-group
complete -c cognito-totp -n '__cognito_totp_using get-group' -l group-name -x -d 'The name of the group'
complete -c cognito-totp -n '__cognito_totp_using get-group' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using get-group' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using get-group' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using get-group' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using get-group; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# list-groups
complete -c cognito-totp -n '__cognito_totp_using list-groups' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using list-groups' -l limit -x -d 'The most items to return (default and most: 60)'
complete -c cognito-totp -n '__cognito_totp_using list-groups' -l next-token -x -d 'The pagination token of a previous call'
complete -c cognito-totp -n '__cognito_totp_using list-groups' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using list-groups' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using list-groups' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using list-groups; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'
complete -c cognito-totp -n '__cognito_totp_using list-groups' -l starting-token -x -d 'A token to specify where to start paginating'
complete -c cognito-totp -n '__cognito_totp_using list-groups' -l page-size -x -d 'The size of each page to get in the service call'
complete -c cognito-totp -n '__cognito_totp_using list-groups' -l max-items -x -d 'The total number of items to return in the command\'s output'

# update-group
complete -c cognito-totp -n '__cognito_totp_using update-group' -l group-name -x -d 'The name of the group'
complete -c cognito-totp -n '__cognito_totp_using update-group' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using update-group' -l description -x -d 'A description of the group'
complete -c cognito-totp -n '__cognito_totp_using update-group' -l role-arn -x -d 'The ARN of an IAM role for the group\'s members: it appears in their ID tokens (cognito:roles,...'
complete -c cognito-totp -n '__cognito_totp_using update-group' -l precedence -x -d 'The group\'s rank among the user\'s groups: lower comes first in the cognito:groups claim, and the...'
complete -c cognito-totp -n '__cognito_totp_using update-group' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using update-group' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using update-group' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using update-group; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# delete-group
complete -c cognito-totp -n '__cognito_totp_using delete-group' -l group-name -x -d 'The name of the group'
complete -c cognito-totp -n '__cognito_totp_using delete-group' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using delete-group' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using delete-group' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using delete-group' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using delete-group; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# admin-add-user-to-group
complete -c cognito-totp -n '__cognito_totp_using admin-add-user-to-group' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using admin-add-user-to-group' -l username -x -d 'The name of the user: the user name, or an alias such as email when the pool allows it'
complete -c cognito-totp -n '__cognito_totp_using admin-add-user-to-group' -l group-name -x -d 'The name of the group'
complete -c cognito-totp -n '__cognito_totp_using admin-add-user-to-group' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using admin-add-user-to-group' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using admin-add-user-to-group' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using admin-add-user-to-group; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# admin-remove-user-from-group
complete -c cognito-totp -n '__cognito_totp_using admin-remove-user-from-group' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using admin-remove-user-from-group' -l username -x -d 'The name of the user: the user name, or an alias such as email when the pool allows it'
complete -c cognito-totp -n '__cognito_totp_using admin-remove-user-from-group' -l group-name -x -d 'The name of the group'
complete -c cognito-totp -n '__cognito_totp_using admin-remove-user-from-group' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using admin-remove-user-from-group' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using admin-remove-user-from-group' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using admin-remove-user-from-group; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# admin-list-groups-for-user
complete -c cognito-totp -n '__cognito_totp_using admin-list-groups-for-user' -l username -x -d 'The name of the user: the user name, or an alias such as email when the pool allows it'
complete -c cognito-totp -n '__cognito_totp_using admin-list-groups-for-user' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using admin-list-groups-for-user' -l limit -x -d 'The most items to return (default and most: 60)'
complete -c cognito-totp -n '__cognito_totp_using admin-list-groups-for-user' -l next-token -x -d 'The pagination token of a previous call'
complete -c cognito-totp -n '__cognito_totp_using admin-list-groups-for-user' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using admin-list-groups-for-user' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using admin-list-groups-for-user' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using admin-list-groups-for-user; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'
complete -c cognito-totp -n '__cognito_totp_using admin-list-groups-for-user' -l starting-token -x -d 'A token to specify where to start paginating'
complete -c cognito-totp -n '__cognito_totp_using admin-list-groups-for-user' -l page-size -x -d 'The size of each page to get in the service call'
complete -c cognito-totp -n '__cognito_totp_using admin-list-groups-for-user' -l max-items -x -d 'The total number of items to return in the command\'s output'

# list-users-in-group
complete -c cognito-totp -n '__cognito_totp_using list-users-in-group' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using list-users-in-group' -l group-name -x -d 'The name of the group'
complete -c cognito-totp -n '__cognito_totp_using list-users-in-group' -l limit -x -d 'The most items to return (default and most: 60)'
complete -c cognito-totp -n '__cognito_totp_using list-users-in-group' -l next-token -x -d 'The pagination token of a previous call'
complete -c cognito-totp -n '__cognito_totp_using list-users-in-group' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using list-users-in-group' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using list-users-in-group' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using list-users-in-group; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'
complete -c cognito-totp -n '__cognito_totp_using list-users-in-group' -l starting-token -x -d 'A token to specify where to start paginating'
complete -c cognito-totp -n '__cognito_totp_using list-users-in-group' -l page-size -x -d 'The size of each page to get in the service call'
complete -c cognito-totp -n '__cognito_totp_using list-users-in-group' -l max-items -x -d 'The total number of items to return in the command\'s output'

# admin-disable-user
complete -c cognito-totp -n '__cognito_totp_using admin-disable-user' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using admin-disable-user' -l username -x -d 'The name of the user: the user name, or an alias such as email when the pool allows it'
complete -c cognito-totp -n '__cognito_totp_using admin-disable-user' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using admin-disable-user' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using admin-disable-user' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using admin-disable-user; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# admin-enable-user
complete -c cognito-totp -n '__cognito_totp_using admin-enable-user' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using admin-enable-user' -l username -x -d 'The name of the user: the user name, or an alias such as email when the pool allows it'
complete -c cognito-totp -n '__cognito_totp_using admin-enable-user' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using admin-enable-user' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using admin-enable-user' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using admin-enable-user; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# admin-user-global-sign-out
complete -c cognito-totp -n '__cognito_totp_using admin-user-global-sign-out' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using admin-user-global-sign-out' -l username -x -d 'The name of the user: the user name, or an alias such as email when the pool allows it'
complete -c cognito-totp -n '__cognito_totp_using admin-user-global-sign-out' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using admin-user-global-sign-out' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using admin-user-global-sign-out' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using admin-user-global-sign-out; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# delete-user
complete -c cognito-totp -n '__cognito_totp_using delete-user' -l access-token -x -d 'A valid access token that Amazon Cognito issued to the currently signed-in user'
complete -c cognito-totp -n '__cognito_totp_using delete-user' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using delete-user' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using delete-user' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using delete-user; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# get-user-auth-factors
complete -c cognito-totp -n '__cognito_totp_using get-user-auth-factors' -l access-token -x -d 'A valid access token that Amazon Cognito issued to the currently signed-in user'
complete -c cognito-totp -n '__cognito_totp_using get-user-auth-factors' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using get-user-auth-factors' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using get-user-auth-factors' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using get-user-auth-factors; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# change-password
complete -c cognito-totp -n '__cognito_totp_using change-password' -l previous-password -x -d 'The password'
complete -c cognito-totp -n '__cognito_totp_using change-password' -l proposed-password -x -d 'The password'
complete -c cognito-totp -n '__cognito_totp_using change-password' -l access-token -x -d 'A valid access token that Amazon Cognito issued to the currently signed-in user'
complete -c cognito-totp -n '__cognito_totp_using change-password' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using change-password' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using change-password' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using change-password; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# forgot-password
complete -c cognito-totp -n '__cognito_totp_using forgot-password' -l client-id -x -d 'The ID of the app client'
complete -c cognito-totp -n '__cognito_totp_using forgot-password' -l secret-hash -x -d 'Base64(HMAC-SHA256(client secret, username + client id)), required when the app client has a secret'
complete -c cognito-totp -n '__cognito_totp_using forgot-password' -l user-context-data -x -d 'Context data for threat protection (not used by the local emulator)'
complete -c cognito-totp -n '__cognito_totp_using forgot-password' -l username -x -d 'The name of the user: the user name, or an alias such as email when the pool allows it'
complete -c cognito-totp -n '__cognito_totp_using forgot-password' -l analytics-metadata -x -d 'Amazon Pinpoint analytics metadata (not used by the local emulator)'
complete -c cognito-totp -n '__cognito_totp_using forgot-password' -l client-metadata -x
complete -c cognito-totp -n '__cognito_totp_using forgot-password' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using forgot-password' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using forgot-password' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using forgot-password; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# confirm-forgot-password
complete -c cognito-totp -n '__cognito_totp_using confirm-forgot-password' -l client-id -x -d 'The ID of the app client'
complete -c cognito-totp -n '__cognito_totp_using confirm-forgot-password' -l secret-hash -x -d 'Base64(HMAC-SHA256(client secret, username + client id)), required when the app client has a secret'
complete -c cognito-totp -n '__cognito_totp_using confirm-forgot-password' -l username -x -d 'The name of the user: the user name, or an alias such as email when the pool allows it'
complete -c cognito-totp -n '__cognito_totp_using confirm-forgot-password' -l confirmation-code -x -d 'The code that was sent to the user (the local emulator puts it in its outbox: cognito-totp messages)'
complete -c cognito-totp -n '__cognito_totp_using confirm-forgot-password' -l password -x -d 'The password'
complete -c cognito-totp -n '__cognito_totp_using confirm-forgot-password' -l analytics-metadata -x -d 'Amazon Pinpoint analytics metadata (not used by the local emulator)'
complete -c cognito-totp -n '__cognito_totp_using confirm-forgot-password' -l user-context-data -x -d 'Context data for threat protection (not used by the local emulator)'
complete -c cognito-totp -n '__cognito_totp_using confirm-forgot-password' -l client-metadata -x
complete -c cognito-totp -n '__cognito_totp_using confirm-forgot-password' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using confirm-forgot-password' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using confirm-forgot-password' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using confirm-forgot-password; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# admin-reset-user-password
complete -c cognito-totp -n '__cognito_totp_using admin-reset-user-password' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using admin-reset-user-password' -l username -x -d 'The name of the user: the user name, or an alias such as email when the pool allows it'
complete -c cognito-totp -n '__cognito_totp_using admin-reset-user-password' -l client-metadata -x
complete -c cognito-totp -n '__cognito_totp_using admin-reset-user-password' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using admin-reset-user-password' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using admin-reset-user-password' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using admin-reset-user-password; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# sign-up
complete -c cognito-totp -n '__cognito_totp_using sign-up' -l client-id -x -d 'The ID of the app client'
complete -c cognito-totp -n '__cognito_totp_using sign-up' -l secret-hash -x -d 'Base64(HMAC-SHA256(client secret, username + client id)), required when the app client has a secret'
complete -c cognito-totp -n '__cognito_totp_using sign-up' -l username -x -d 'The name of the user: the user name, or an alias such as email when the pool allows it'
complete -c cognito-totp -n '__cognito_totp_using sign-up' -l password -x -d 'The password'
complete -c cognito-totp -n '__cognito_totp_using sign-up' -l user-attributes -x
complete -c cognito-totp -n '__cognito_totp_using sign-up' -l validation-data -x
complete -c cognito-totp -n '__cognito_totp_using sign-up' -l analytics-metadata -x -d 'Amazon Pinpoint analytics metadata (not used by the local emulator)'
complete -c cognito-totp -n '__cognito_totp_using sign-up' -l user-context-data -x -d 'Context data for threat protection (not used by the local emulator)'
complete -c cognito-totp -n '__cognito_totp_using sign-up' -l client-metadata -x
complete -c cognito-totp -n '__cognito_totp_using sign-up' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using sign-up' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using sign-up' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using sign-up; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# confirm-sign-up
complete -c cognito-totp -n '__cognito_totp_using confirm-sign-up' -l client-id -x -d 'The ID of the app client'
complete -c cognito-totp -n '__cognito_totp_using confirm-sign-up' -l secret-hash -x -d 'Base64(HMAC-SHA256(client secret, username + client id)), required when the app client has a secret'
complete -c cognito-totp -n '__cognito_totp_using confirm-sign-up' -l username -x -d 'The name of the user: the user name, or an alias such as email when the pool allows it'
complete -c cognito-totp -n '__cognito_totp_using confirm-sign-up' -l confirmation-code -x -d 'The code that was sent to the user (the local emulator puts it in its outbox: cognito-totp messages)'
complete -c cognito-totp -n '__cognito_totp_using confirm-sign-up' -l force-alias-creation -d 'Whether to move an alias already used by another user to this one'
complete -c cognito-totp -n '__cognito_totp_using confirm-sign-up' -l no-force-alias-creation -d 'Whether to move an alias already used by another user to this one'
complete -c cognito-totp -n '__cognito_totp_using confirm-sign-up' -l analytics-metadata -x -d 'Amazon Pinpoint analytics metadata (not used by the local emulator)'
complete -c cognito-totp -n '__cognito_totp_using confirm-sign-up' -l user-context-data -x -d 'Context data for threat protection (not used by the local emulator)'
complete -c cognito-totp -n '__cognito_totp_using confirm-sign-up' -l client-metadata -x
complete -c cognito-totp -n '__cognito_totp_using confirm-sign-up' -l session -x -d 'The session identifier that maintains the state of authentication requests and challenge responses'
complete -c cognito-totp -n '__cognito_totp_using confirm-sign-up' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using confirm-sign-up' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using confirm-sign-up' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using confirm-sign-up; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# resend-confirmation-code
complete -c cognito-totp -n '__cognito_totp_using resend-confirmation-code' -l client-id -x -d 'The ID of the app client'
complete -c cognito-totp -n '__cognito_totp_using resend-confirmation-code' -l secret-hash -x -d 'Base64(HMAC-SHA256(client secret, username + client id)), required when the app client has a secret'
complete -c cognito-totp -n '__cognito_totp_using resend-confirmation-code' -l user-context-data -x -d 'Context data for threat protection (not used by the local emulator)'
complete -c cognito-totp -n '__cognito_totp_using resend-confirmation-code' -l username -x -d 'The name of the user: the user name, or an alias such as email when the pool allows it'
complete -c cognito-totp -n '__cognito_totp_using resend-confirmation-code' -l analytics-metadata -x -d 'Amazon Pinpoint analytics metadata (not used by the local emulator)'
complete -c cognito-totp -n '__cognito_totp_using resend-confirmation-code' -l client-metadata -x
complete -c cognito-totp -n '__cognito_totp_using resend-confirmation-code' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using resend-confirmation-code' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using resend-confirmation-code' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using resend-confirmation-code; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# admin-confirm-sign-up
complete -c cognito-totp -n '__cognito_totp_using admin-confirm-sign-up' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using admin-confirm-sign-up' -l username -x -d 'The name of the user: the user name, or an alias such as email when the pool allows it'
complete -c cognito-totp -n '__cognito_totp_using admin-confirm-sign-up' -l client-metadata -x
complete -c cognito-totp -n '__cognito_totp_using admin-confirm-sign-up' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using admin-confirm-sign-up' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using admin-confirm-sign-up' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using admin-confirm-sign-up; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# update-user-attributes
complete -c cognito-totp -n '__cognito_totp_using update-user-attributes' -l user-attributes -x
complete -c cognito-totp -n '__cognito_totp_using update-user-attributes' -l access-token -x -d 'A valid access token that Amazon Cognito issued to the currently signed-in user'
complete -c cognito-totp -n '__cognito_totp_using update-user-attributes' -l client-metadata -x
complete -c cognito-totp -n '__cognito_totp_using update-user-attributes' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using update-user-attributes' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using update-user-attributes' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using update-user-attributes; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# admin-update-user-attributes
complete -c cognito-totp -n '__cognito_totp_using admin-update-user-attributes' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using admin-update-user-attributes' -l username -x -d 'The name of the user: the user name, or an alias such as email when the pool allows it'
complete -c cognito-totp -n '__cognito_totp_using admin-update-user-attributes' -l user-attributes -x
complete -c cognito-totp -n '__cognito_totp_using admin-update-user-attributes' -l client-metadata -x
complete -c cognito-totp -n '__cognito_totp_using admin-update-user-attributes' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using admin-update-user-attributes' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using admin-update-user-attributes' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using admin-update-user-attributes; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# admin-delete-user-attributes
complete -c cognito-totp -n '__cognito_totp_using admin-delete-user-attributes' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using admin-delete-user-attributes' -l username -x -d 'The name of the user: the user name, or an alias such as email when the pool allows it'
complete -c cognito-totp -n '__cognito_totp_using admin-delete-user-attributes' -l user-attribute-names -x -d 'The names of the attributes to delete'
complete -c cognito-totp -n '__cognito_totp_using admin-delete-user-attributes' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using admin-delete-user-attributes' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using admin-delete-user-attributes' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using admin-delete-user-attributes; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# get-user-attribute-verification-code
complete -c cognito-totp -n '__cognito_totp_using get-user-attribute-verification-code' -l access-token -x -d 'A valid access token that Amazon Cognito issued to the currently signed-in user'
complete -c cognito-totp -n '__cognito_totp_using get-user-attribute-verification-code' -l attribute-name -x -d 'The name of the attribute'
complete -c cognito-totp -n '__cognito_totp_using get-user-attribute-verification-code' -l client-metadata -x
complete -c cognito-totp -n '__cognito_totp_using get-user-attribute-verification-code' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using get-user-attribute-verification-code' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using get-user-attribute-verification-code' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using get-user-attribute-verification-code; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# verify-user-attribute
complete -c cognito-totp -n '__cognito_totp_using verify-user-attribute' -l access-token -x -d 'A valid access token that Amazon Cognito issued to the currently signed-in user'
complete -c cognito-totp -n '__cognito_totp_using verify-user-attribute' -l attribute-name -x -d 'The name of the attribute'
complete -c cognito-totp -n '__cognito_totp_using verify-user-attribute' -l code -x -d 'The code that was sent to the user (the local emulator puts it in its outbox: cognito-totp messages)'
complete -c cognito-totp -n '__cognito_totp_using verify-user-attribute' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using verify-user-attribute' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using verify-user-attribute' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using verify-user-attribute; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# update-user-pool
complete -c cognito-totp -n '__cognito_totp_using update-user-pool' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using update-user-pool' -l policies -x -d 'The policies of the user pool: its password policy'
complete -c cognito-totp -n '__cognito_totp_using update-user-pool' -l deletion-protection -x -a 'ACTIVE INACTIVE' -d 'When ACTIVE, the user pool cannot be deleted'
complete -c cognito-totp -n '__cognito_totp_using update-user-pool' -l auto-verified-attributes -x -a 'phone_number email'
complete -c cognito-totp -n '__cognito_totp_using update-user-pool; and __cognito_totp_in_list --auto-verified-attributes' -a 'phone_number email'
complete -c cognito-totp -n '__cognito_totp_using update-user-pool' -l mfa-configuration -x -a 'OFF ON OPTIONAL' -d 'OFF: users sign in without MFA'
complete -c cognito-totp -n '__cognito_totp_using update-user-pool' -l device-configuration -x -d 'Remembered devices'
complete -c cognito-totp -n '__cognito_totp_using update-user-pool' -l user-pool-tags -x
complete -c cognito-totp -n '__cognito_totp_using update-user-pool' -l admin-create-user-config -x
complete -c cognito-totp -n '__cognito_totp_using update-user-pool' -l pool-name -x -d 'A friendly name for the user pool'
complete -c cognito-totp -n '__cognito_totp_using update-user-pool' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using update-user-pool' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using update-user-pool' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using update-user-pool; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# list-user-pool-clients
complete -c cognito-totp -n '__cognito_totp_using list-user-pool-clients' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using list-user-pool-clients' -l max-results -x -d 'The most clients to return (1 to 60)'
complete -c cognito-totp -n '__cognito_totp_using list-user-pool-clients' -l next-token -x -d 'The pagination token of a previous call'
complete -c cognito-totp -n '__cognito_totp_using list-user-pool-clients' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using list-user-pool-clients' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using list-user-pool-clients' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using list-user-pool-clients; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'
complete -c cognito-totp -n '__cognito_totp_using list-user-pool-clients' -l starting-token -x -d 'A token to specify where to start paginating'
complete -c cognito-totp -n '__cognito_totp_using list-user-pool-clients' -l page-size -x -d 'The size of each page to get in the service call'
complete -c cognito-totp -n '__cognito_totp_using list-user-pool-clients' -l max-items -x -d 'The total number of items to return in the command\'s output'

# update-user-pool-client
complete -c cognito-totp -n '__cognito_totp_using update-user-pool-client' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using update-user-pool-client' -l client-id -x -d 'The ID of the app client'
complete -c cognito-totp -n '__cognito_totp_using update-user-pool-client' -l client-name -x
complete -c cognito-totp -n '__cognito_totp_using update-user-pool-client' -l refresh-token-validity -x
complete -c cognito-totp -n '__cognito_totp_using update-user-pool-client' -l access-token-validity -x
complete -c cognito-totp -n '__cognito_totp_using update-user-pool-client' -l id-token-validity -x
complete -c cognito-totp -n '__cognito_totp_using update-user-pool-client' -l token-validity-units -x -d 'The units of AccessTokenValidity, IdTokenValidity and RefreshTokenValidity (defaults: hours,...'
complete -c cognito-totp -n '__cognito_totp_using update-user-pool-client' -l explicit-auth-flows -x -a 'ADMIN_NO_SRP_AUTH CUSTOM_AUTH_FLOW_ONLY USER_PASSWORD_AUTH ALLOW_ADMIN_USER_PASSWORD_AUTH ALLOW_CUSTOM_AUTH ALLOW_USER_PASSWORD_AUTH ALLOW_USER_SRP_AUTH ALLOW_REFRESH_TOKEN_AUTH ALLOW_USER_AUTH' -d 'The authentication flows the client allows'
complete -c cognito-totp -n '__cognito_totp_using update-user-pool-client; and __cognito_totp_in_list --explicit-auth-flows' -a 'ADMIN_NO_SRP_AUTH CUSTOM_AUTH_FLOW_ONLY USER_PASSWORD_AUTH ALLOW_ADMIN_USER_PASSWORD_AUTH ALLOW_CUSTOM_AUTH ALLOW_USER_PASSWORD_AUTH ALLOW_USER_SRP_AUTH ALLOW_REFRESH_TOKEN_AUTH ALLOW_USER_AUTH'
complete -c cognito-totp -n '__cognito_totp_using update-user-pool-client' -l prevent-user-existence-errors -x -a 'LEGACY ENABLED' -d 'Whether sign-in and password reset hide that a user does not exist'
complete -c cognito-totp -n '__cognito_totp_using update-user-pool-client' -l enable-token-revocation
complete -c cognito-totp -n '__cognito_totp_using update-user-pool-client' -l no-enable-token-revocation
complete -c cognito-totp -n '__cognito_totp_using update-user-pool-client' -l auth-session-validity -x -d 'Minutes a sign-in session (the Session of a challenge) stays valid: 3 to 15, default 3'
complete -c cognito-totp -n '__cognito_totp_using update-user-pool-client' -l refresh-token-rotation -x -d 'Refresh token rotation: when ENABLED, get-tokens-from-refresh-token also returns a new refresh...'
complete -c cognito-totp -n '__cognito_totp_using update-user-pool-client' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using update-user-pool-client' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using update-user-pool-client' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using update-user-pool-client; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# delete-user-pool-client
complete -c cognito-totp -n '__cognito_totp_using delete-user-pool-client' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using delete-user-pool-client' -l client-id -x -d 'The ID of the app client'
complete -c cognito-totp -n '__cognito_totp_using delete-user-pool-client' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using delete-user-pool-client' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using delete-user-pool-client' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using delete-user-pool-client; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# confirm-device
complete -c cognito-totp -n '__cognito_totp_using confirm-device' -l access-token -x -d 'A valid access token that Amazon Cognito issued to the currently signed-in user'
complete -c cognito-totp -n '__cognito_totp_using confirm-device' -l device-key -x -d 'The device key, as NewDeviceMetadata gave it (region_uuid)'
complete -c cognito-totp -n '__cognito_totp_using confirm-device' -l device-secret-verifier-config -x -d 'The SRP verifier of the device, computed by the client from a random device password, the...'
complete -c cognito-totp -n '__cognito_totp_using confirm-device' -l device-name -x -d 'A friendly name for the device'
complete -c cognito-totp -n '__cognito_totp_using confirm-device' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using confirm-device' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using confirm-device' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using confirm-device; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# update-device-status
complete -c cognito-totp -n '__cognito_totp_using update-device-status' -l access-token -x -d 'A valid access token that Amazon Cognito issued to the currently signed-in user'
complete -c cognito-totp -n '__cognito_totp_using update-device-status' -l device-key -x -d 'The device key, as NewDeviceMetadata gave it (region_uuid)'
complete -c cognito-totp -n '__cognito_totp_using update-device-status' -l device-remembered-status -x -a 'remembered not_remembered' -d 'remembered: the device may sign in with device authentication; not_remembered: it is tracked only'
complete -c cognito-totp -n '__cognito_totp_using update-device-status' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using update-device-status' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using update-device-status' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using update-device-status; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# get-device
complete -c cognito-totp -n '__cognito_totp_using get-device' -l device-key -x -d 'The device key, as NewDeviceMetadata gave it (region_uuid)'
complete -c cognito-totp -n '__cognito_totp_using get-device' -l access-token -x -d 'A valid access token that Amazon Cognito issued to the currently signed-in user'
complete -c cognito-totp -n '__cognito_totp_using get-device' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using get-device' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using get-device' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using get-device; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# list-devices
complete -c cognito-totp -n '__cognito_totp_using list-devices' -l access-token -x -d 'A valid access token that Amazon Cognito issued to the currently signed-in user'
complete -c cognito-totp -n '__cognito_totp_using list-devices' -l limit -x -d 'The most devices to return (default and most: 60)'
complete -c cognito-totp -n '__cognito_totp_using list-devices' -l pagination-token -x -d 'The pagination token of a previous call'
complete -c cognito-totp -n '__cognito_totp_using list-devices' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using list-devices' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using list-devices' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using list-devices; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# forget-device
complete -c cognito-totp -n '__cognito_totp_using forget-device' -l access-token -x -d 'A valid access token that Amazon Cognito issued to the currently signed-in user'
complete -c cognito-totp -n '__cognito_totp_using forget-device' -l device-key -x -d 'The device key, as NewDeviceMetadata gave it (region_uuid)'
complete -c cognito-totp -n '__cognito_totp_using forget-device' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using forget-device' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using forget-device' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using forget-device; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# admin-get-device
complete -c cognito-totp -n '__cognito_totp_using admin-get-device' -l device-key -x -d 'The device key, as NewDeviceMetadata gave it (region_uuid)'
complete -c cognito-totp -n '__cognito_totp_using admin-get-device' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using admin-get-device' -l username -x -d 'The name of the user: the user name, or an alias such as email when the pool allows it'
complete -c cognito-totp -n '__cognito_totp_using admin-get-device' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using admin-get-device' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using admin-get-device' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using admin-get-device; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# admin-list-devices
complete -c cognito-totp -n '__cognito_totp_using admin-list-devices' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using admin-list-devices' -l username -x -d 'The name of the user: the user name, or an alias such as email when the pool allows it'
complete -c cognito-totp -n '__cognito_totp_using admin-list-devices' -l limit -x -d 'The most devices to return (default and most: 60)'
complete -c cognito-totp -n '__cognito_totp_using admin-list-devices' -l pagination-token -x -d 'The pagination token of a previous call'
complete -c cognito-totp -n '__cognito_totp_using admin-list-devices' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using admin-list-devices' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using admin-list-devices' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using admin-list-devices; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# admin-forget-device
complete -c cognito-totp -n '__cognito_totp_using admin-forget-device' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using admin-forget-device' -l username -x -d 'The name of the user: the user name, or an alias such as email when the pool allows it'
complete -c cognito-totp -n '__cognito_totp_using admin-forget-device' -l device-key -x -d 'The device key, as NewDeviceMetadata gave it (region_uuid)'
complete -c cognito-totp -n '__cognito_totp_using admin-forget-device' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using admin-forget-device' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using admin-forget-device' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using admin-forget-device; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# admin-update-device-status
complete -c cognito-totp -n '__cognito_totp_using admin-update-device-status' -l user-pool-id -x -d 'The ID of the user pool'
complete -c cognito-totp -n '__cognito_totp_using admin-update-device-status' -l username -x -d 'The name of the user: the user name, or an alias such as email when the pool allows it'
complete -c cognito-totp -n '__cognito_totp_using admin-update-device-status' -l device-key -x -d 'The device key, as NewDeviceMetadata gave it (region_uuid)'
complete -c cognito-totp -n '__cognito_totp_using admin-update-device-status' -l device-remembered-status -x -a 'remembered not_remembered' -d 'remembered: the device may sign in with device authentication; not_remembered: it is tracked only'
complete -c cognito-totp -n '__cognito_totp_using admin-update-device-status' -l cli-input-json -x -d 'Reads arguments from the JSON string provided (or file://path)'
complete -c cognito-totp -n '__cognito_totp_using admin-update-device-status' -l cli-input-yaml -x -d 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does'
complete -c cognito-totp -n '__cognito_totp_using admin-update-device-status' -l generate-cli-skeleton -d 'Prints a JSON skeleton to standard output without sending an API request'
complete -c cognito-totp -n '__cognito_totp_using admin-update-device-status; and __cognito_totp_prev --generate-cli-skeleton' -a 'input output yaml-input'

# quickstart
complete -c cognito-totp -n '__cognito_totp_using quickstart' -l username -x -d 'the demo user (default: demo-user)'
complete -c cognito-totp -n '__cognito_totp_using quickstart' -l pool-name -x -d 'the demo user pool (default: cognito-totp-demo)'
complete -c cognito-totp -n '__cognito_totp_using quickstart' -l issuer -x -d 'the issuer the authenticator app shows (default: the issuer setting, else the pool name)'
complete -c cognito-totp -n '__cognito_totp_using quickstart' -l no-qr -d 'do not draw the QR code (the secret and the otpauth:// URI are still printed)'
complete -c cognito-totp -n '__cognito_totp_using quickstart' -l qr-small -d 'draw a compact QR code with half blocks'
complete -c cognito-totp -n '__cognito_totp_using quickstart' -l auth-flow -x -a 'USER_SRP_AUTH USER_PASSWORD_AUTH' -d 'how the demo user signs in (default USER_PASSWORD_AUTH)'

# enroll
complete -c cognito-totp -n '__cognito_totp_using enroll' -l access-token -x -d 'an access token of the user (skips signing in)'
complete -c cognito-totp -n '__cognito_totp_using enroll' -l session -x -d 'the Session of an MFA_SETUP challenge (with --username and --client-id)'
complete -c cognito-totp -n '__cognito_totp_using enroll' -l username -x -d 'the user name to sign in with'
complete -c cognito-totp -n '__cognito_totp_using enroll' -l password -x -d 'the password to sign in with; - reads it from stdin'
complete -c cognito-totp -n '__cognito_totp_using enroll' -l client-id -x -d 'the app client to sign in through'
complete -c cognito-totp -n '__cognito_totp_using enroll' -l auth-flow -x -a 'USER_SRP_AUTH USER_PASSWORD_AUTH' -d 'how to sign in (default USER_PASSWORD_AUTH, then USER_SRP_AUTH if the client allows only that)'
complete -c cognito-totp -n '__cognito_totp_using enroll' -l user-pool-id -x -d 'the user pool, for SRP on Amazon Cognito (found from the client locally)'
complete -c cognito-totp -n '__cognito_totp_using enroll' -l client-secret -x -d 'the app client\'s secret, when it has one (SECRET_HASH is computed)'
complete -c cognito-totp -n '__cognito_totp_using enroll' -l new-password -x -d 'the new password when the user must change theirs at first sign-in'
complete -c cognito-totp -n '__cognito_totp_using enroll' -l code -x -d 'verify the association made earlier (enroll --no-verify) with this code'
complete -c cognito-totp -n '__cognito_totp_using enroll' -l generate-code -d 'verify with a code computed from the secret (test users, CI)'
complete -c cognito-totp -n '__cognito_totp_using enroll' -l no-verify -d 'associate and show the secret, then stop (verify later with --code)'
complete -c cognito-totp -n '__cognito_totp_using enroll' -l device-name -x -d 'the friendly device name stored with the authenticator'
complete -c cognito-totp -n '__cognito_totp_using enroll' -l issuer -x -d 'the issuer the app shows (default: the issuer setting, else the pool name)'
complete -c cognito-totp -n '__cognito_totp_using enroll' -l account-name -x -d 'the account name the app shows (default: the user name)'
complete -c cognito-totp -n '__cognito_totp_using enroll' -l no-qr -d 'do not draw the QR code'
complete -c cognito-totp -n '__cognito_totp_using enroll' -l qr-small -d 'draw a compact QR code with half blocks'
complete -c cognito-totp -n '__cognito_totp_using enroll' -l prefer -d 'make TOTP the preferred MFA without asking (the default without a terminal)'
complete -c cognito-totp -n '__cognito_totp_using enroll' -l no-prefer -d 'enable TOTP for sign-in without making it the preferred MFA'

# messages
complete -c cognito-totp -n '__cognito_totp_using messages' -l user-pool-id -x -d 'only the messages of this user pool'
complete -c cognito-totp -n '__cognito_totp_using messages' -l username -x -d 'only the messages to this user'

# sign-in
complete -c cognito-totp -n '__cognito_totp_using sign-in' -l client-id -x -d 'the app client to sign in through'
complete -c cognito-totp -n '__cognito_totp_using sign-in' -l username -x -d 'the user name (or an alias the pool allows)'
complete -c cognito-totp -n '__cognito_totp_using sign-in' -l user-pool-id -x -d 'the user pool (SRP needs it; found from the client on the local emulator)'
complete -c cognito-totp -n '__cognito_totp_using sign-in' -l auth-flow -x -a 'USER_SRP_AUTH USER_PASSWORD_AUTH' -d 'USER_SRP_AUTH (default, as the SDKs) or USER_PASSWORD_AUTH'
complete -c cognito-totp -n '__cognito_totp_using sign-in' -l client-secret -x -d 'the app client\'s secret, when it has one (SECRET_HASH is computed)'
complete -c cognito-totp -n '__cognito_totp_using sign-in' -l password -x -d 'the password (visible to other users in ps: prefer --password-stdin)'
complete -c cognito-totp -n '__cognito_totp_using sign-in' -l password-stdin -d 'read the password from standard input'
complete -c cognito-totp -n '__cognito_totp_using sign-in' -l totp-code -x -d 'the code of the authenticator app, for SOFTWARE_TOKEN_MFA'
complete -c cognito-totp -n '__cognito_totp_using sign-in' -l totp-secret -x -d 'compute the SOFTWARE_TOKEN_MFA code from this base32 secret (tests, CI)'
complete -c cognito-totp -n '__cognito_totp_using sign-in' -l new-password -x -d 'the new password when NEW_PASSWORD_REQUIRED'
complete -c cognito-totp -n '__cognito_totp_using sign-in' -l device-file -r -F -d 'sign in on the remembered device kept in this file (with --remember-device: where it is kept)'
complete -c cognito-totp -n '__cognito_totp_using sign-in' -l remember-device -d 'confirm and remember the device of this sign-in, its key and password saved to --device-file'
complete -c cognito-totp -n '__cognito_totp_using sign-in' -l device-name -x -d 'the DeviceName confirm-device gives it (default: cognito-totp on HOST)'
complete -c cognito-totp -n '__cognito_totp_using sign-in' -l device-key -x -d 'sign in on this remembered device (with the next two)'
complete -c cognito-totp -n '__cognito_totp_using sign-in' -l device-group-key -x -d 'the device\'s DeviceGroupKey'
complete -c cognito-totp -n '__cognito_totp_using sign-in' -l device-password -x -d 'the device\'s password (visible in ps: prefer --device-file)'

# totp
complete -c cognito-totp -n '__cognito_totp_using totp' -l secret -x -d 'the base32 secret, file://PATH, - (stdin) or an otpauth:// URI'
complete -c cognito-totp -n '__cognito_totp_using totp' -l digits -x -d 'digits of the code (default 6, as Cognito)'
complete -c cognito-totp -n '__cognito_totp_using totp' -l period -x -d 'seconds per code (default 30, as Cognito)'
complete -c cognito-totp -n '__cognito_totp_using totp' -l algorithm -x -a 'SHA1 SHA256 SHA512' -d 'HMAC hash: SHA1 (default, as Cognito), SHA256 or SHA512'
complete -c cognito-totp -n '__cognito_totp_using totp' -l at -x -d 'the time to compute the code for: epoch seconds or ISO 8601 (default: now)'
complete -c cognito-totp -n '__cognito_totp_using totp' -l remaining -d 'also print the seconds the code stays valid'

# configure
complete -c cognito-totp -n '__cognito_totp_using configure; and __cognito_totp_after' -a 'list get set unset'
complete -c cognito-totp -n '__cognito_totp_using configure; and __cognito_totp_after get' -a 'backend stateFile issuer output region color'
complete -c cognito-totp -n '__cognito_totp_using configure; and __cognito_totp_after set' -a 'backend stateFile issuer output region color'
complete -c cognito-totp -n '__cognito_totp_using configure; and __cognito_totp_after unset' -a 'backend stateFile issuer output region color'
complete -c cognito-totp -n '__cognito_totp_using configure; and __cognito_totp_after set backend' -a 'local remote'
complete -c cognito-totp -n '__cognito_totp_using configure; and __cognito_totp_after set output' -a 'json text table yaml yaml-stream off'
complete -c cognito-totp -n '__cognito_totp_using configure; and __cognito_totp_after set color' -a 'on off auto'

# completion
complete -c cognito-totp -n '__cognito_totp_using completion; and __cognito_totp_after' -a 'bash zsh fish'

# serve
complete -c cognito-totp -n '__cognito_totp_using serve' -l port -x -d 'TCP port to listen on (0: any free port)'
complete -c cognito-totp -n '__cognito_totp_using serve' -l host -x -d 'Address to bind (loopback by default)'
complete -c cognito-totp -n '__cognito_totp_using serve' -l allowed-host -x -d 'Also answer requests whose Host header is NAME (repeatable); by default only localhost,...'
complete -c cognito-totp -n '__cognito_totp_using serve' -l cors-origin -x -d 'Let only pages from ORIGIN (e.g'
complete -c cognito-totp -n '__cognito_totp_using serve' -l seed -r -F -d 'Apply this seed file (see cognito-totp seed --help) before serving'
