/** Glue shared by the oclif commands: error translation and human-readable units. */
import type {Command} from '@oclif/core'
import {HvplanError} from './errors.js'

/**
 * Runs a command body; an HvplanError becomes an oclif error with its code and suggestion
 * (exit 2 for bad flags, 1 otherwise), anything else is rethrown as a bug.
 */
export async function runOrExit<T>(command: Command, body: () => T | Promise<T>): Promise<T> {
  try {
    return await body()
  } catch (error) {
    if (error instanceof HvplanError) {
      command.error(error.message, {code: error.code, exit: error.code === 'E_FLAG' ? 2 : 1, suggestions: error.suggestion ? [error.suggestion] : undefined})
    }
    throw error
  }
}

/** 1536 → "1.5 KiB" (binary units, as the rest of hvplan). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`
}
