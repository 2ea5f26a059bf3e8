import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { DomainException } from '@muvo/kernel';
import { type CityFile, cityFileSchema, strictCityFileSchema } from './city-file.schema';

export interface LoadedCityFile {
  file: CityFile;
  /** Fields the schema does not know; ignored, and reported so typos are noticed. */
  warnings: string[];
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

export function invalidCityFile(problems: string[]): DomainException {
  return new DomainException('INVALID_CITY_FILE', 'invalid', `invalid city file:\n  - ${problems.join('\n  - ')}`, {
    problems,
  });
}

/** Validates a city file already parsed from YAML or JSON. */
export function validateCityFile(input: unknown): LoadedCityFile {
  const result = cityFileSchema.safeParse(input);
  if (!result.success) throw invalidCityFile(result.error.issues.map(describeIssue));
  const strict = strictCityFileSchema.safeParse(input);
  const warnings = strict.success
    ? []
    : strict.error.issues
        .filter((issue) => issue.code === 'unrecognized_keys')
        .flatMap((issue) =>
          (issue as { keys: string[] }).keys.map((key) => `ignored unknown field ${[...issue.path, key].join('.')}`),
        );
  return { file: result.data, warnings };
}

/** Parses YAML or JSON text (JSON is YAML, but JSON errors read better from JSON.parse). */
export function parseCityFileText(text: string, name = 'city file'): LoadedCityFile {
  let input: unknown;
  try {
    input = text.trimStart().startsWith('{') ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    throw invalidCityFile([`${name} is not valid YAML or JSON: ${(error as Error).message}`]);
  }
  return validateCityFile(input);
}

export function loadCityFile(path: string): LoadedCityFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw invalidCityFile([
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    ]);
  }
  return parseCityFileText(text, path);
}
