// antd's Table behind ResponsiveTable's lazy import: a phone, which shows cards, never downloads the table's code.
import { Table, type TableProps } from 'antd';

export default function TableView<T extends object>(props: TableProps<T>) {
  return <Table<T> {...props} />;
}
