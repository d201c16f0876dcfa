// The CDK app (`npx cdk synth`, `npx cdk deploy`; cdk.json runs the built dist/app.js).
// Variants come from context: -c runtime=ec2|lambda -c scaling=seed|target -c spot=true ... (README).
import { App } from 'aws-cdk-lib';
import { appOptionsFromContext } from './app-options.js';
import { builtSiteDir } from './common/bundle-paths.js';
import { addWordFreqStacks, checkWithCdkNag } from './wordfreq-app.js';

const app = new App();
// Without -c siteDirectory, the site package's built pages are deployed when they exist.
const site = builtSiteDir();
addWordFreqStacks(app, appOptionsFromContext((key) => app.node.tryGetContext(key) ?? (key === 'siteDirectory' ? site : undefined)));
checkWithCdkNag(app);
app.synth();
