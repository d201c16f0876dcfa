import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { Tokens } from '@wordfreq/core/di';
import { ContainerModule } from 'inversify';
import { clientOptionsOf, type AwsAdaptersConfig } from '../shared/aws-config.js';
import { AwsTokens } from '../shared/aws-tokens.js';
import { createSesClient } from './ses-client.js';
import { SesMailer } from './ses-mailer.js';

/**
 * Binds `Tokens.Mailer` to `SesMailer` (a singleton) over one SES v2 client: `clients.ses`, or one
 * made for `config.region` with the SDK's defaults.
 */
export function sesAdapters(config: AwsAdaptersConfig, clients: { readonly ses?: SESv2Client } = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(AwsTokens.SesClient).toConstantValue(clients.ses ?? createSesClient(clientOptionsOf(config)));
    bind(Tokens.Mailer).to(SesMailer).inSingletonScope();
  });
}
