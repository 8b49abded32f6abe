const REGEXP_SPECIAL = /[.*+?^${}()|[\]\\/]/g;

function literal(text: string): string {
  return text.replace(REGEXP_SPECIAL, '\\$&');
}

/**
 * A name glob as users write them in settings: `*` any run of characters, `?` one character,
 * everything else literal; case-insensitive, because Azure DevOps agent names are.
 */
export function globToRegExp(glob: string): RegExp {
  const source = glob
    .split('*')
    .map((part) => part.split('?').map(literal).join('.'))
    .join('.*');
  return new RegExp(`^${source}$`, 'isu');
}
