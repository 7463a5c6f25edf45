import type { FamilyRelation } from '../api/family-contract';

/** 与本人关系, in the order the 添加家人 form offers them. */
export const relationLabels: Readonly<Record<FamilyRelation, string>> = {
  spouse: '配偶',
  parent: '父母',
  child: '子女',
  grandparent: '祖父母/外祖父母',
  grandchild: '孙子女/外孙子女',
  sibling: '兄弟姐妹',
  other: '其他',
};
