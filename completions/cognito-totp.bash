# bash completion for cognito-totp.
# Generated from the operation model by `cognito-totp completion bash`: do not edit by hand.
# Install: add to ~/.bashrc
#   source <(cognito-totp completion bash)
# or copy completions/cognito-totp.bash to
#   ${XDG_DATA_HOME:-~/.local/share}/bash-completion/completions/cognito-totp

_cognito_totp_commands="associate-software-token verify-software-token create-user-pool describe-user-pool list-user-pools delete-user-pool set-user-pool-mfa-config get-user-pool-mfa-config create-user-pool-client describe-user-pool-client admin-create-user admin-set-user-password admin-get-user admin-delete-user list-users initiate-auth respond-to-auth-challenge admin-initiate-auth admin-respond-to-auth-challenge set-user-mfa-preference admin-set-user-mfa-preference get-user global-sign-out revoke-token get-tokens-from-refresh-token create-group get-group list-groups update-group delete-group admin-add-user-to-group admin-remove-user-from-group admin-list-groups-for-user list-users-in-group admin-disable-user admin-enable-user admin-user-global-sign-out delete-user get-user-auth-factors change-password forgot-password confirm-forgot-password admin-reset-user-password sign-up confirm-sign-up resend-confirmation-code admin-confirm-sign-up update-user-attributes admin-update-user-attributes admin-delete-user-attributes get-user-attribute-verification-code verify-user-attribute update-user-pool list-user-pool-clients update-user-pool-client delete-user-pool-client confirm-device update-device-status get-device list-devices forget-device admin-get-device admin-list-devices admin-forget-device admin-update-device-status quickstart enroll messages seed sign-in totp configure completion serve help cognito-idp"
_cognito_totp_operations="associate-software-token verify-software-token create-user-pool describe-user-pool list-user-pools delete-user-pool set-user-pool-mfa-config get-user-pool-mfa-config create-user-pool-client describe-user-pool-client admin-create-user admin-set-user-password admin-get-user admin-delete-user list-users initiate-auth respond-to-auth-challenge admin-initiate-auth admin-respond-to-auth-challenge set-user-mfa-preference admin-set-user-mfa-preference get-user global-sign-out revoke-token get-tokens-from-refresh-token create-group get-group list-groups update-group delete-group admin-add-user-to-group admin-remove-user-from-group admin-list-groups-for-user list-users-in-group admin-disable-user admin-enable-user admin-user-global-sign-out delete-user get-user-auth-factors change-password forgot-password confirm-forgot-password admin-reset-user-password sign-up confirm-sign-up resend-confirmation-code admin-confirm-sign-up update-user-attributes admin-update-user-attributes admin-delete-user-attributes get-user-attribute-verification-code verify-user-attribute update-user-pool list-user-pool-clients update-user-pool-client delete-user-pool-client confirm-device update-device-status get-device list-devices forget-device admin-get-device admin-list-devices admin-forget-device admin-update-device-status"
_cognito_totp_globals="--debug --endpoint-url --remote --state-file --no-verify-ssl --no-paginate --output --query --profile --region --version --color --no-sign-request --ca-bundle --cli-read-timeout --cli-connect-timeout --no-cli-pager"

# How option $2 of command $1 takes its value: one, file, many, optional; nothing for a switch.
_cognito_totp_kind() {
  case "$1 $2" in
    *" --endpoint-url"|*" --output"|*" --query"|*" --profile"|*" --region"|*" --color"|*" --cli-read-timeout"|*" --cli-connect-timeout"|*" --access-token"|*" --session"|*" --cli-input-json"|*" --cli-input-yaml"|*" --issuer"|*" --account-name"|*" --user-code"|*" --friendly-device-name"|*" --pool-name"|*" --policies"|*" --deletion-protection"|*" --mfa-configuration"|*" --device-configuration"|*" --user-pool-tags"|*" --admin-create-user-config"|*" --user-pool-id"|*" --next-token"|*" --max-results"|*" --starting-token"|*" --page-size"|*" --max-items"|*" --software-token-mfa-configuration"|*" --client-name"|*" --refresh-token-validity"|*" --access-token-validity"|*" --id-token-validity"|*" --token-validity-units"|*" --prevent-user-existence-errors"|*" --auth-session-validity"|*" --refresh-token-rotation"|*" --client-id"|*" --username"|*" --temporary-password"|*" --message-action"|*" --password"|*" --limit"|*" --pagination-token"|*" --filter"|*" --auth-flow"|*" --auth-parameters"|*" --client-metadata"|*" --challenge-name"|*" --challenge-responses"|*" --sms-mfa-settings"|*" --software-token-mfa-settings"|*" --token"|*" --client-secret"|*" --refresh-token"|*" --device-key"|*" --group-name"|*" --description"|*" --role-arn"|*" --precedence"|*" --previous-password"|*" --proposed-password"|*" --secret-hash"|*" --user-context-data"|*" --analytics-metadata"|*" --confirmation-code"|*" --attribute-name"|*" --code"|*" --device-secret-verifier-config"|*" --device-name"|*" --device-remembered-status"|*" --new-password"|*" --totp-code"|*" --totp-secret"|*" --device-group-key"|*" --device-password"|*" --secret"|*" --digits"|*" --period"|*" --algorithm"|*" --at"|*" --port"|*" --host"|*" --allowed-host"|*" --cors-origin") echo "one" ;;
    *" --state-file"|*" --ca-bundle"|*" --device-file"|*" --seed") echo "file" ;;
    *" --generate-cli-skeleton") echo "optional" ;;
    *" --auto-verified-attributes"|*" --alias-attributes"|*" --username-attributes"|*" --explicit-auth-flows"|*" --user-attributes"|*" --attributes-to-get"|*" --validation-data"|*" --user-attribute-names") echo "many" ;;
  esac
}

# The values option $2 of command $1 accepts, when they are a closed list.
_cognito_totp_choices() {
  case "$1 $2" in
    *" --output") echo "json text table yaml yaml-stream off" ;;
    *" --color") echo "on off auto" ;;
    *" --generate-cli-skeleton") echo "input output yaml-input" ;;
    *" --deletion-protection") echo "ACTIVE INACTIVE" ;;
    *" --auto-verified-attributes"|*" --username-attributes") echo "phone_number email" ;;
    *" --alias-attributes") echo "phone_number email preferred_username" ;;
    *" --mfa-configuration") echo "OFF ON OPTIONAL" ;;
    *" --explicit-auth-flows") echo "ADMIN_NO_SRP_AUTH CUSTOM_AUTH_FLOW_ONLY USER_PASSWORD_AUTH ALLOW_ADMIN_USER_PASSWORD_AUTH ALLOW_CUSTOM_AUTH ALLOW_USER_PASSWORD_AUTH ALLOW_USER_SRP_AUTH ALLOW_REFRESH_TOKEN_AUTH ALLOW_USER_AUTH" ;;
    *" --prevent-user-existence-errors") echo "LEGACY ENABLED" ;;
    *" --message-action") echo "RESEND SUPPRESS" ;;
    "initiate-auth --auth-flow"|"admin-initiate-auth --auth-flow") echo "USER_SRP_AUTH REFRESH_TOKEN_AUTH REFRESH_TOKEN CUSTOM_AUTH ADMIN_NO_SRP_AUTH USER_PASSWORD_AUTH ADMIN_USER_PASSWORD_AUTH USER_AUTH" ;;
    "quickstart --auth-flow"|"enroll --auth-flow"|"sign-in --auth-flow") echo "USER_SRP_AUTH USER_PASSWORD_AUTH" ;;
    *" --challenge-name") echo "SMS_MFA EMAIL_OTP SOFTWARE_TOKEN_MFA SELECT_MFA_TYPE MFA_SETUP PASSWORD_VERIFIER CUSTOM_CHALLENGE SELECT_CHALLENGE DEVICE_SRP_AUTH DEVICE_PASSWORD_VERIFIER ADMIN_NO_SRP_AUTH NEW_PASSWORD_REQUIRED SMS_OTP PASSWORD WEB_AUTHN PASSWORD_SRP" ;;
    *" --device-remembered-status") echo "remembered not_remembered" ;;
    *" --algorithm") echo "SHA1 SHA256 SHA512" ;;
  esac
}

# The options of command $1.
_cognito_totp_flags() {
  case "$1" in
    associate-software-token) echo "--access-token --session --cli-input-json --cli-input-yaml --generate-cli-skeleton --qr --qr-small --otpauth-uri --issuer --account-name" ;;
    verify-software-token) echo "--access-token --session --user-code --friendly-device-name --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    create-user-pool) echo "--pool-name --policies --deletion-protection --auto-verified-attributes --alias-attributes --username-attributes --mfa-configuration --device-configuration --user-pool-tags --admin-create-user-config --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    describe-user-pool) echo "--user-pool-id --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    list-user-pools) echo "--next-token --max-results --cli-input-json --cli-input-yaml --generate-cli-skeleton --starting-token --page-size --max-items" ;;
    delete-user-pool) echo "--user-pool-id --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    set-user-pool-mfa-config) echo "--user-pool-id --software-token-mfa-configuration --mfa-configuration --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    get-user-pool-mfa-config) echo "--user-pool-id --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    create-user-pool-client) echo "--user-pool-id --client-name --generate-secret --no-generate-secret --refresh-token-validity --access-token-validity --id-token-validity --token-validity-units --explicit-auth-flows --prevent-user-existence-errors --enable-token-revocation --no-enable-token-revocation --auth-session-validity --refresh-token-rotation --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    describe-user-pool-client) echo "--user-pool-id --client-id --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    admin-create-user) echo "--user-pool-id --username --user-attributes --temporary-password --force-alias-creation --no-force-alias-creation --message-action --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    admin-set-user-password) echo "--user-pool-id --username --password --permanent --no-permanent --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    admin-get-user) echo "--user-pool-id --username --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    admin-delete-user) echo "--user-pool-id --username --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    list-users) echo "--user-pool-id --attributes-to-get --limit --pagination-token --filter --cli-input-json --cli-input-yaml --generate-cli-skeleton --starting-token --page-size --max-items" ;;
    initiate-auth) echo "--auth-flow --auth-parameters --client-metadata --client-id --session --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    respond-to-auth-challenge) echo "--client-id --challenge-name --session --challenge-responses --client-metadata --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    admin-initiate-auth) echo "--user-pool-id --client-id --auth-flow --auth-parameters --client-metadata --session --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    admin-respond-to-auth-challenge) echo "--user-pool-id --client-id --challenge-name --challenge-responses --session --client-metadata --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    set-user-mfa-preference) echo "--sms-mfa-settings --software-token-mfa-settings --access-token --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    admin-set-user-mfa-preference) echo "--sms-mfa-settings --software-token-mfa-settings --username --user-pool-id --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    get-user) echo "--access-token --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    global-sign-out) echo "--access-token --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    revoke-token) echo "--token --client-id --client-secret --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    get-tokens-from-refresh-token) echo "--refresh-token --client-id --client-secret --device-key --client-metadata --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    create-group) echo "--group-name --user-pool-id --description --role-arn --precedence --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    get-group) echo "--group-name --user-pool-id --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    list-groups) echo "--user-pool-id --limit --next-token --cli-input-json --cli-input-yaml --generate-cli-skeleton --starting-token --page-size --max-items" ;;
    update-group) echo "--group-name --user-pool-id --description --role-arn --precedence --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    delete-group) echo "--group-name --user-pool-id --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    admin-add-user-to-group) echo "--user-pool-id --username --group-name --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    admin-remove-user-from-group) echo "--user-pool-id --username --group-name --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    admin-list-groups-for-user) echo "--username --user-pool-id --limit --next-token --cli-input-json --cli-input-yaml --generate-cli-skeleton --starting-token --page-size --max-items" ;;
    list-users-in-group) echo "--user-pool-id --group-name --limit --next-token --cli-input-json --cli-input-yaml --generate-cli-skeleton --starting-token --page-size --max-items" ;;
    admin-disable-user) echo "--user-pool-id --username --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    admin-enable-user) echo "--user-pool-id --username --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    admin-user-global-sign-out) echo "--user-pool-id --username --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    delete-user) echo "--access-token --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    get-user-auth-factors) echo "--access-token --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    change-password) echo "--previous-password --proposed-password --access-token --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    forgot-password) echo "--client-id --secret-hash --user-context-data --username --analytics-metadata --client-metadata --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    confirm-forgot-password) echo "--client-id --secret-hash --username --confirmation-code --password --analytics-metadata --user-context-data --client-metadata --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    admin-reset-user-password) echo "--user-pool-id --username --client-metadata --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    sign-up) echo "--client-id --secret-hash --username --password --user-attributes --validation-data --analytics-metadata --user-context-data --client-metadata --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    confirm-sign-up) echo "--client-id --secret-hash --username --confirmation-code --force-alias-creation --no-force-alias-creation --analytics-metadata --user-context-data --client-metadata --session --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    resend-confirmation-code) echo "--client-id --secret-hash --user-context-data --username --analytics-metadata --client-metadata --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    admin-confirm-sign-up) echo "--user-pool-id --username --client-metadata --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    update-user-attributes) echo "--user-attributes --access-token --client-metadata --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    admin-update-user-attributes) echo "--user-pool-id --username --user-attributes --client-metadata --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    admin-delete-user-attributes) echo "--user-pool-id --username --user-attribute-names --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    get-user-attribute-verification-code) echo "--access-token --attribute-name --client-metadata --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    verify-user-attribute) echo "--access-token --attribute-name --code --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    update-user-pool) echo "--user-pool-id --policies --deletion-protection --auto-verified-attributes --mfa-configuration --device-configuration --user-pool-tags --admin-create-user-config --pool-name --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    list-user-pool-clients) echo "--user-pool-id --max-results --next-token --cli-input-json --cli-input-yaml --generate-cli-skeleton --starting-token --page-size --max-items" ;;
    update-user-pool-client) echo "--user-pool-id --client-id --client-name --refresh-token-validity --access-token-validity --id-token-validity --token-validity-units --explicit-auth-flows --prevent-user-existence-errors --enable-token-revocation --no-enable-token-revocation --auth-session-validity --refresh-token-rotation --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    delete-user-pool-client) echo "--user-pool-id --client-id --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    confirm-device) echo "--access-token --device-key --device-secret-verifier-config --device-name --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    update-device-status) echo "--access-token --device-key --device-remembered-status --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    get-device) echo "--device-key --access-token --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    list-devices) echo "--access-token --limit --pagination-token --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    forget-device) echo "--access-token --device-key --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    admin-get-device) echo "--device-key --user-pool-id --username --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    admin-list-devices) echo "--user-pool-id --username --limit --pagination-token --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    admin-forget-device) echo "--user-pool-id --username --device-key --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    admin-update-device-status) echo "--user-pool-id --username --device-key --device-remembered-status --cli-input-json --cli-input-yaml --generate-cli-skeleton" ;;
    quickstart) echo "--username --pool-name --issuer --no-qr --qr-small --auth-flow" ;;
    enroll) echo "--access-token --session --username --password --client-id --auth-flow --user-pool-id --client-secret --new-password --code --generate-code --no-verify --device-name --issuer --account-name --no-qr --qr-small --prefer --no-prefer" ;;
    messages) echo "--user-pool-id --username" ;;
    sign-in) echo "--client-id --username --user-pool-id --auth-flow --client-secret --password --password-stdin --totp-code --totp-secret --new-password --device-file --remember-device --device-name --device-key --device-group-key --device-password" ;;
    totp) echo "--secret --digits --period --algorithm --at --remaining" ;;
    serve) echo "--port --host --allowed-host --cors-origin --seed" ;;
  esac
}

# The words for the next positional argument of command $1 after the positionals $2...
_cognito_totp_positional() {
  case "$*" in
    "configure") echo "list get set unset" ;;
    "configure get") echo "backend stateFile issuer output region color" ;;
    "configure set") echo "backend stateFile issuer output region color" ;;
    "configure unset") echo "backend stateFile issuer output region color" ;;
    "configure set backend") echo "local remote" ;;
    "configure set output") echo "json text table yaml yaml-stream off" ;;
    "configure set color") echo "on off auto" ;;
    "completion") echo "bash zsh fish" ;;
  esac
}

_cognito_totp() {
  local cur="${COMP_WORDS[COMP_CWORD]}"
  local cmd="" idp="" pending="" list_opt="" list_kind="" kind w i
  local -a pos=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="${COMP_WORDS[i]}"
    if [[ -n $pending ]]; then
      pending=""
      continue
    fi
    if [[ $w == -* ]]; then
      list_opt=""
      [[ $w == *=* ]] && continue
      kind="$(_cognito_totp_kind "$cmd" "$w")"
      case "$kind" in
        one | file) pending="$w" ;;
        many | optional) list_opt="$w" list_kind="$kind" ;;
      esac
      continue
    fi
    if [[ -n $list_opt ]]; then
      [[ $list_kind == optional ]] && list_opt=""
      continue
    fi
    if [[ -z $cmd ]]; then
      if [[ $w == cognito-idp && -z $idp ]]; then
        idp=1
        continue
      fi
      cmd="$w"
    else
      pos+=("$w")
    fi
  done

  local IFS=$' \t\n'
  if [[ -n $pending ]]; then
    if [[ "$(_cognito_totp_kind "$cmd" "$pending")" == file ]]; then
      compopt -o filenames 2>/dev/null
      local IFS=$'\n'
      COMPREPLY=($(compgen -f -- "$cur"))
    else
      COMPREPLY=($(compgen -W "$(_cognito_totp_choices "$cmd" "$pending")" -- "$cur"))
    fi
    return 0
  fi
  if [[ -n $list_opt && $cur != -* ]]; then
    COMPREPLY=($(compgen -W "$(_cognito_totp_choices "$cmd" "$list_opt")" -- "$cur"))
    [[ ${#COMPREPLY[@]} -gt 0 || $list_kind == many ]] && return 0
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(_cognito_totp_flags "$cmd") $_cognito_totp_globals" -- "$cur"))
  elif [[ -z $cmd ]]; then
    if [[ -n $idp ]]; then
      COMPREPLY=($(compgen -W "$_cognito_totp_operations" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "$_cognito_totp_commands" -- "$cur"))
    fi
  else
    COMPREPLY=($(compgen -W "$(_cognito_totp_positional "$cmd" "${pos[@]}")" -- "$cur"))
  fi
  return 0
}
complete -F _cognito_totp cognito-totp
