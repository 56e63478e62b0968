import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import type { TranslationMessages } from 'react-admin';

/**
 * react-admin's English texts, with those that show in this app said our way: no "No Flagged cases found" (the
 * resource's label dropped into a sentence with its capital), no "Element updated", no double full stops, and
 * confirmations that say what they ask. Lists have their own empty states (components/EmptyState); these are the
 * fallbacks and the texts of react-admin's own dialogs and notifications.
 */
export const MESSAGE_OVERRIDES = {
  ra: {
    action: {
      add_filter: 'Add a filter',
    },
    page: {
      empty: 'Nothing here yet',
      invite: 'Records appear here once they are created.',
      not_found: 'Page not found',
      error: 'Something went wrong',
      loading: 'Loading',
      access_denied: 'Not open to your role',
      authentication_error: 'Could not check your sign-in',
    },
    message: {
      are_you_sure: 'Do you want to go ahead?',
      access_denied: 'Your role does not open this page. Ask an administrator if you need it.',
      bulk_update_content: 'Change %{name} %{recordRepresentation}? |||| Change these %{smart_count} records?',
      bulk_update_title: 'Change %{name} %{recordRepresentation} |||| Change %{smart_count} records',
      bulk_delete_content: 'Delete this %{name}? |||| Delete these %{smart_count} records?',
      bulk_delete_title: 'Delete %{name} |||| Delete %{smart_count} records',
      delete_content: 'Delete this record? This cannot be undone.',
      delete_title: 'Delete %{name} %{recordRepresentation}',
      error: 'The page could not be shown. Reload it, or go back to the dashboard.',
      invalid_form: 'Some fields need attention: see the messages under them',
      loading: 'One moment',
      not_found: 'There is no page at this address.',
      unsaved_changes: 'Some changes are not saved. Leave the page and lose them?',
      placeholder_data_warning: 'The data could not be refreshed: what shows may be out of date.',
    },
    navigation: {
      no_results: 'Nothing to show',
      no_filtered_results: 'Nothing matches these filters.',
      clear_filters: 'Clear the filters',
      no_more_results: 'There is no page %{page}: go back a page.',
      page_out_of_boundaries: 'There is no page %{page}',
      page_out_from_end: 'This is the last page',
      page_out_from_begin: 'This is the first page',
      page_rows_per_page: 'Rows per page:',
    },
    auth: {
      auth_check_error: 'Sign in to continue',
      user_menu: 'Account',
      sign_in_error: 'Sign-in failed: check the email and the password',
      logout: 'Sign out',
    },
    notification: {
      updated: 'Saved |||| %{smart_count} records saved',
      created: 'Created',
      deleted: 'Deleted |||| %{smart_count} records deleted',
      bad_item: 'This record is not valid',
      item_doesnt_exist: 'This record does not exist (any more)',
      http_error: 'The server could not be reached: check the connection and try again',
      data_provider_error: 'The server answered in a way the app did not expect: reload the page',
      canceled: 'Cancelled',
      logged_out: 'Your session has ended: sign in again',
      not_authorized: 'Your role does not allow this',
      offline: 'No connection: the data could not be fetched',
    },
  },
} as const;

type Messages = { [key: string]: string | Messages };

function merge(base: Messages, over: Messages): Messages {
  const out: Messages = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = typeof value === 'object' && typeof current === 'object' ? merge(current, value) : value;
  }
  return out;
}

export const messages = merge(englishMessages as unknown as Messages, MESSAGE_OVERRIDES as unknown as Messages) as unknown as TranslationMessages;

export const i18nProvider = polyglotI18nProvider(() => messages, 'en', [{ locale: 'en', name: 'English' }], { allowMissing: true });
