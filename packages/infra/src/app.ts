// The CDK app (`npx cdk synth`, `npx cdk deploy`; cdk.json runs the built dist/app.js).
// Variants come from context: -c runtime=ec2|lambda -c scaling=seed|target -c spot=true ... (README).
import { App } from 'aws-cdk-lib';
import { appOptionsFromContext } from './app-options.js';
import { addWordFreqStacks, checkWithCdkNag } from './wordfreq-app.js';

const app = new App();
addWordFreqStacks(app, appOptionsFromContext((key) => app.node.tryGetContext(key)));
checkWithCdkNag(app);
app.synth();
