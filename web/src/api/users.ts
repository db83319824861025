/** Who is signed in, personal API tokens and user accounts. */

export interface Me {
  id: string;
  role: string;
  [extra: string]: unknown;
}

/** A personal API token as GET /api/tokens lists it (shared/DurableObjects.Shared/Users/ApiTokenInfo.cs): never the token. */
export interface ApiTokenInfo {
  /** The short id: 12 hex digits of the token's SHA-256. */
  id: string;
  name: string;
  createdAt: string;
}

/** A token just made (POST /api/tokens): the only answer that ever carries the token itself. */
export interface NewApiToken {
  userId: string;
  tokenId: string;
  token: string;
}

/** A user as GET /api/users lists them (admins; shared/DurableObjects.Shared/Users/UserAccount.cs). */
export interface UserInfo {
  id: string;
  role: "viewer" | "member" | "admin" | string;
  /** Disabled by an admin: the account's tokens, phone and Slack commands are refused until it is enabled again. */
  disabled: boolean;
  createdAt: string;
  [extra: string]: unknown;
}

/** A user just made (POST /api/users) with their first token: the only answer that ever carries it. */
export interface NewUser {
  user: UserInfo;
  token: NewApiToken;
}
