export { checkLoadTimeRules, constraintsFor, loadTimeMessages, loadTimeRuleSets, namesOfRule, type ArgumentConstraint, type LoadTimeOptions } from './check.js';
export { LOAD_TIME_CODES, codeOfRule, messagesOfRule } from './rule-types.js';
export type { Attachment, LoadTimeRule, Member, MessageArgument, Operand, RuleSet, UpstreamMessage } from './rule-types.js';
export { describeConstraints, readableMessage, type ConstraintDescription } from './describe.js';
