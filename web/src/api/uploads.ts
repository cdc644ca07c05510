// Evidence files (contract: POST /uploads, multipart, one part named "file").
import { request } from './http'

export interface UploadedFile {
  id: string
  name: string
  size: number
  contentType: string
  sha256: string
}

export async function uploadFile(file: File): Promise<UploadedFile> {
  const form = new FormData()
  form.append('file', file, file.name)
  return request<UploadedFile>('/uploads', { method: 'POST', body: form, headers: { Accept: 'application/json' } })
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
