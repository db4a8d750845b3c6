export * from './types';
export { RequestError, type RequestErrorCode } from './errors';
export { AccountRequests, type AnswerInput, type RecordedWork, type Resubmission } from './repository';
export { ApproverDirectory, MAX_REFRESH_USERS, type Approver, type ApproverInput } from './approvers';
export { ApprovalChannels, channelConversationId, type ApprovalChannel } from './channels';
export { readApproversFile, approversFileSchema, type ApproverFileEntry } from './approvers-file';
export { openRoles, roleToAnswer, statusFromAnswers } from './outcome';
export type { RequestTables } from './tables';
export { concernedBy, conflictOf, type Concerned } from './conflict';
