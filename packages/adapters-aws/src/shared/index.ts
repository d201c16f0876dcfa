// What every service shares, with no AWS SDK package: configuration (and reading it from the
// environment), resource-name rules, the SDK-error translator, client options and the DI tokens.
export { AwsTokens } from './aws-tokens.js';
export { sdkClientConfig, type AwsClientOptions } from './aws-client-options.js';
export { defaultAwsResourceNames, type AwsAdaptersConfig, type AwsResourceNames } from './aws-config.js';
export { awsConfigFromEnv, awsEnvVariables, envForAwsNames, type Env } from './aws-config-from-env.js';
export { awsNameProblem, type AwsNameKind } from './aws-name-rules.js';
export { translateAwsError, isTransientAwsError } from './aws-error-translator.js';
